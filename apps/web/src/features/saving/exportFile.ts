import { api } from '../../lib/trpc';

/** The file name the server gives an export, for documents exported in the browser. */
export function exportFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'graph'}.beluga.json`;
}

/** Saves text as a file through the browser's download. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started reading the blob; revoking later keeps slow browsers safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads the canonical JSON of a stored graph (or one of its versions). */
export async function downloadStoredGraph(id: string, version?: number): Promise<string> {
  const { fileName, json } = await api.graphs.export.query(
    version === undefined ? { id } : { id, version },
  );
  downloadText(fileName, json);
  return fileName;
}
