import { CircleDot, History, Save } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '../../components/Button';
import { useEditorStore } from '../editor/editorStore';
import { useGraphAccess } from '../workspaces/graphAccess';
import { ConflictDialog } from './ConflictDialog';
import { ExportMenu } from './ExportMenu';
import { HistoryDrawer } from './HistoryDrawer';
import { SaveDialog } from './SaveDialog';
import { useLeaveGuard } from './useLeaveGuard';
import { useSaveGraph } from './useSaveGraph';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const SAVE_KEYS = isMac ? '⌘S' : 'Ctrl+S';

/** Save, unsaved indicator, history and export for the open graph (the saving feature). */
export function SaveControls() {
  const graphId = useEditorStore((state) => state.graphId);
  const dirty = useEditorStore((state) => state.dirty);
  const baseVersion = useEditorStore((state) => state.baseVersion);
  // Viewers and runners keep History and Export, not Save (the server refuses it anyway).
  const canEdit = useGraphAccess((state) => state.edit);
  const { save, conflict, clearConflict } = useSaveGraph();
  const [saveOpen, setSaveOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  useLeaveGuard(dirty);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 's') return;
      event.preventDefault();
      if (useEditorStore.getState().dirty) setSaveOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  if (!graphId) return null;
  return (
    <div className="flex items-center gap-1.5">
      <span
        role="status"
        hidden={!canEdit}
        data-testid="save-state"
        className={`flex items-center gap-1 text-xs ${dirty ? 'text-amber-700 dark:text-amber-400' : 'text-slate-500'}`}
      >
        {dirty ? (
          <>
            <CircleDot className="size-3.5" aria-hidden /> Unsaved changes
          </>
        ) : (
          `Saved · v${baseVersion}`
        )}
      </span>
      <Button
        size="sm"
        hidden={!canEdit}
        variant={dirty ? 'primary' : 'secondary'}
        icon={<Save className="size-4" aria-hidden />}
        disabled={!dirty || save.isPending}
        title={`Save a new version (${SAVE_KEYS})`}
        aria-keyshortcuts={isMac ? 'Meta+S' : 'Control+S'}
        onClick={() => setSaveOpen(true)}
      >
        {save.isPending ? 'Saving…' : 'Save'}
      </Button>
      <Button
        size="sm"
        variant="ghost"
        icon={<History className="size-4" aria-hidden />}
        onClick={() => setHistoryOpen(true)}
      >
        History
      </Button>
      <ExportMenu />
      <SaveDialog
        open={saveOpen}
        onOpenChange={setSaveOpen}
        baseVersion={baseVersion}
        saving={save.isPending}
        onSave={(message) => save.mutate(message, { onSettled: () => setSaveOpen(false) })}
      />
      <HistoryDrawer graphId={graphId} open={historyOpen} onOpenChange={setHistoryOpen} />
      {conflict && <ConflictDialog conflict={conflict} onClose={clearConflict} />}
    </div>
  );
}
