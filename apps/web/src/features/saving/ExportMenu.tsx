import { exportGraphDocument } from '@beluga/graph';
import { ClipboardCopy, Download, FileJson } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { Button } from '../../components/Button';
import { toast } from '../../components/toast';
import { api, errorInfo } from '../../lib/trpc';
import { useEditorStore } from '../editor/editorStore';
import { downloadText, exportFileName } from './exportFile';

const ITEM =
  'flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm outline-none select-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800';

/** The canonical JSON to export: the stored graph, or the document on the canvas when unsaved. */
async function exportJson(): Promise<{ fileName: string; json: string; what: string }> {
  const { graphId, document, dirty, baseVersion } = useEditorStore.getState();
  if (!graphId || !document) throw new Error('No graph is open');
  if (dirty) {
    return {
      fileName: exportFileName(document.name),
      json: exportGraphDocument(document),
      what: 'with your unsaved changes',
    };
  }
  const stored = await api.graphs.export.query({ id: graphId });
  return { ...stored, what: `saved version ${baseVersion}` };
}

async function run(
  action: (exported: { fileName: string; json: string }) => string | Promise<string>,
) {
  try {
    const exported = await exportJson();
    toast({ tone: 'success', title: `${await action(exported)} (${exported.what})` });
  } catch (error) {
    toast({ tone: 'error', title: 'Export failed', description: errorInfo(error).message });
  }
}

/** Export as a .json file or to the clipboard; says which document it exports. */
export function ExportMenu() {
  const dirty = useEditorStore((state) => state.dirty);
  const baseVersion = useEditorStore((state) => state.baseVersion);
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <Button size="sm" variant="ghost" icon={<FileJson className="size-4" aria-hidden />}>
          Export
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          className="z-30 min-w-56 rounded-md border border-slate-200 bg-white p-1 text-slate-800 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        >
          <DropdownMenu.Label className="px-2 py-1 text-xs text-slate-500">
            {dirty
              ? 'Exports the canvas, with unsaved changes'
              : `Exports saved version ${baseVersion}`}
          </DropdownMenu.Label>
          <DropdownMenu.Item
            className={ITEM}
            onSelect={() =>
              void run(({ fileName, json }) => {
                downloadText(fileName, json);
                return `Downloaded ${fileName}`;
              })
            }
          >
            <Download className="size-4" aria-hidden /> Download .json
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className={ITEM}
            onSelect={() =>
              void run(async ({ json }) => {
                await navigator.clipboard.writeText(json);
                return 'Copied the JSON to the clipboard';
              })
            }
          >
            <ClipboardCopy className="size-4" aria-hidden /> Copy JSON to clipboard
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
