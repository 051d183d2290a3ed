import { useQuery } from '@tanstack/react-query';
import { api, errorInfo } from '../../lib/trpc';
import { useEditorStore } from '../editor/editorStore';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { DiffDetails } from './DiffDetails';
import { diffDocuments } from './documentDiff';

/** What a version holds, and how it differs from the document on the canvas. */
export function VersionPreview({ graphId, version }: { graphId: string; version: number }) {
  const current = useEditorStore((state) => state.document);
  const stored = useQuery({
    queryKey: ['version', graphId, version],
    queryFn: () => api.versions.get.query({ graphId, version }),
    staleTime: Infinity,
  });
  if (stored.isPending) return <p className="text-xs text-slate-500">Loading version {version}…</p>;
  if (stored.isError) return <ErrorNote message={errorInfo(stored.error).message} />;
  const document = stored.data.document;
  return (
    <div
      aria-label={`Preview of version ${version}`}
      role="region"
      className="mt-2 flex flex-col gap-2 rounded-md bg-slate-50 p-2 text-sm dark:bg-slate-800/60"
    >
      <p>
        “{document.name}”: {document.nodes.length} nodes, {document.edges.length} edges
      </p>
      {current && (
        <>
          <p className="text-xs text-slate-500">Compared with what you have now:</p>
          <DiffDetails
            diff={diffDocuments(current, document)}
            labels={{ added: 'Only in this version', removed: 'Only now', changed: 'Different' }}
          />
        </>
      )}
    </div>
  );
}
