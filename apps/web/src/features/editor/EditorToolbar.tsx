import {
  Eye,
  Keyboard,
  LayoutDashboard,
  Maximize,
  Redo2,
  Route,
  StickyNote,
  Trash2,
  Undo2,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { IconButton } from '../../components/Button';
import { useGraphAccess } from '../workspaces/graphAccess';
import { useEditorStore } from './editorStore';
import type { EditorActions } from './useEditorActions';
import { useViewingRun } from './viewingRun';
import { useValidation } from './validation/validationStore';

function Separator() {
  return <div aria-hidden className="mx-1 h-5 w-px bg-slate-200 dark:bg-slate-800" />;
}

export interface EditorToolbarProps {
  actions: EditorActions;
  onShowShortcuts: () => void;
  /** The saving feature's controls and the runs feature's controls, mounted here. */
  save: ReactNode;
  run: ReactNode;
}

/** Graph name, edit commands (undo, layout, fit, plan), then saving and running. */
export function EditorToolbar({ actions, onShowShortcuts, save, run }: EditorToolbarProps) {
  const name = useEditorStore((state) => state.document?.name);
  const canUndo = useEditorStore((state) => state.past.length > 0);
  const canRedo = useEditorStore((state) => state.future.length > 0);
  const hasSelection = useEditorStore(
    (state) => state.selectedNodeIds.length + state.selectedEdgeIds.length > 0,
  );
  const showPlan = useEditorStore((state) => state.showPlan);
  const hasPlan = useValidation((state) => state.plan !== undefined);
  const { undo, redo, setShowPlan } = useEditorStore.getState();
  // Viewing a past run: the edit commands wait (the run controls say why and lead back).
  const locked = useViewingRun();
  // The user's role does not let them edit: say so where the edit commands are.
  const readOnlyReason = useGraphAccess((state) => (state.edit ? undefined : state.reason));
  return (
    <div
      role="toolbar"
      aria-label="Editor"
      className="flex h-11 shrink-0 items-center gap-1 border-b border-slate-200 px-3 dark:border-slate-800"
    >
      <h1 className="mr-2 max-w-64 truncate text-sm font-semibold">{name}</h1>
      {readOnlyReason && (
        <span
          data-testid="graph-readonly"
          className="mr-2 inline-flex items-center gap-1 rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200"
        >
          <Eye aria-hidden className="size-3.5" />
          {readOnlyReason}
        </span>
      )}
      <Separator />
      <IconButton label="Undo" shortcut="Ctrl+Z" disabled={locked || !canUndo} onClick={undo}>
        <Undo2 className="size-4" aria-hidden />
      </IconButton>
      <IconButton label="Redo" shortcut="Ctrl+Shift+Z" disabled={locked || !canRedo} onClick={redo}>
        <Redo2 className="size-4" aria-hidden />
      </IconButton>
      <IconButton
        label="Delete selection"
        shortcut="Delete"
        disabled={locked || !hasSelection}
        onClick={actions.deleteSelection}
      >
        <Trash2 className="size-4" aria-hidden />
      </IconButton>
      <IconButton
        label="Add note"
        shortcut="N"
        disabled={locked}
        onClick={() => actions.addNoteAt('center')}
      >
        <StickyNote className="size-4" aria-hidden />
      </IconButton>
      <Separator />
      <IconButton
        label="Auto-layout"
        shortcut="L"
        disabled={locked}
        onClick={() => void actions.autoLayout()}
      >
        <LayoutDashboard className="size-4" aria-hidden />
      </IconButton>
      <IconButton label="Zoom to fit" shortcut="F" onClick={actions.fit}>
        <Maximize className="size-4" aria-hidden />
      </IconButton>
      <IconButton
        label={showPlan ? 'Hide plan' : 'Show plan'}
        shortcut="P"
        active={showPlan}
        disabled={!hasPlan && !showPlan}
        onClick={() => setShowPlan(!showPlan)}
      >
        <Route className="size-4" aria-hidden />
      </IconButton>
      <IconButton label="Keyboard shortcuts" shortcut="?" onClick={onShowShortcuts}>
        <Keyboard className="size-4" aria-hidden />
      </IconButton>
      <div className="flex-1" />
      {save}
      {run}
    </div>
  );
}
