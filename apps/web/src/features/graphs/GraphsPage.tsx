import { FileDown, FileUp, Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { toast } from '../../components/toast';
import { errorInfo } from '../../lib/trpc';
import { downloadStoredGraph } from '../saving/exportFile';
import { roleCan } from '../workspaces/permissions';
import { useCurrentWorkspace } from '../workspaces/WorkspaceContext';
import { useGraphActions } from './graphActions';
import { GraphList } from './GraphList';
import type { GraphSummary } from './GraphRow';
import { ImportDialog } from './import/ImportDialog';
import { useImportSources } from './import/useImportSources';
import { RenameDialog } from './RenameDialog';
import { TemplateGallery } from './TemplateGallery';
import { ConfirmDialog } from './ui/ConfirmDialog';

/**
 * The current workspace's graphs: the starting point of the app, and where graphs are created
 * and imported (by editors and above; the others see the list and open graphs read-only).
 */
export function GraphsPage() {
  const workspace = useCurrentWorkspace();
  const canCreate = roleCan(workspace.role, 'edit');
  const actions = useGraphActions();
  const imports = useImportSources(canCreate);
  const [renaming, setRenaming] = useState<GraphSummary>();
  const [deleting, setDeleting] = useState<GraphSummary>();
  const exportGraph = (graph: GraphSummary) =>
    downloadStoredGraph(graph.id).then(
      (fileName) => toast({ tone: 'success', title: `Exported ${fileName}` }),
      (error: unknown) =>
        toast({ tone: 'error', title: 'Export failed', description: errorInfo(error).message }),
    );
  return (
    <div className="relative h-full overflow-y-auto" {...imports.dropHandlers}>
      <div className="mx-auto max-w-4xl p-6">
        <div className="mb-6 flex items-center justify-between gap-2">
          <div>
            <h1 className="text-xl font-semibold">Graphs</h1>
            <p className="text-sm text-slate-500" data-testid="graphs-workspace">
              {workspace.name} · your role: {workspace.role}
            </p>
          </div>
          <div className={canCreate ? 'flex gap-2' : 'hidden'}>
            <Button icon={<FileUp className="size-4" aria-hidden />} onClick={imports.openPicker}>
              Import
            </Button>
            <Button
              variant="primary"
              icon={<Plus className="size-4" aria-hidden />}
              disabled={actions.create.isPending}
              onClick={() => actions.create.mutate('Untitled graph')}
            >
              New graph
            </Button>
          </div>
        </div>
        {canCreate && (
          <TemplateGallery
            busy={actions.importDocument.isPending}
            onUse={(template) => actions.importDocument.mutate({ document: template })}
          />
        )}
        <GraphList
          onRename={setRenaming}
          onDuplicate={(graph) => actions.duplicate.mutate(graph.id)}
          onExport={(graph) => void exportGraph(graph)}
          onDelete={setDeleting}
        />
      </div>
      {imports.dragging && (
        <div className="pointer-events-none absolute inset-2 flex items-center justify-center rounded-xl border-2 border-dashed border-sky-500 bg-sky-50/80 text-sky-800 dark:bg-sky-950/80 dark:text-sky-200">
          <p className="flex items-center gap-2 font-medium">
            <FileDown className="size-5" aria-hidden /> Drop the .json file to check it for import
          </p>
        </div>
      )}
      <ImportDialog {...imports.dialog} />
      {renaming && (
        <RenameDialog
          graph={renaming}
          onClose={() => setRenaming(undefined)}
          rename={(input) => actions.rename.mutateAsync(input)}
        />
      )}
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => !open && setDeleting(undefined)}
        title={`Delete "${deleting?.name ?? ''}"?`}
        description="The graph and all its versions are deleted. Its past runs keep their records. This cannot be undone."
        confirmLabel="Delete"
        danger
        onConfirm={() => deleting && actions.remove.mutate(deleting)}
      />
    </div>
  );
}
