import { CompareBar } from '../history/CompareBar';
import { EditorPresence } from '../presence/EditorPresence';
import { RunControls } from '../runs/RunControls';
import { SaveControls } from '../saving/SaveControls';
import { ShareButton } from '../sharing/ShareButton';
import { GraphCanvas } from './canvas/GraphCanvas';
import { EditorToolbar } from './EditorToolbar';
import { useEditorStore } from './editorStore';
import type { NodeTypeInfo } from './model/catalogTypes';
import { NodePalette } from './palette/NodePalette';
import { SidePanel } from './SidePanel';
import { focusInspectorLabel, useEditorShortcuts } from './shortcuts/useEditorShortcuts';
import { useEditorActions } from './useEditorActions';
import { useLiveValidation } from './validation/useLiveValidation';

/** The editor's layout: toolbar on top, palette | canvas | inspector, problems and run tabs. */
export function EditorWorkspace({ types }: { types: readonly NodeTypeInfo[] }) {
  const actions = useEditorActions();
  const graphId = useEditorStore((state) => state.graphId);
  useLiveValidation();
  const shortcuts = useEditorShortcuts(actions);
  // Added from the keyboard: go straight to its label, so palette → name is typing only.
  const onAdd = (type: string, byKeyboard: boolean) => {
    actions.addNodeOfType(type);
    if (byKeyboard) requestAnimationFrame(() => focusInspectorLabel());
  };
  return (
    <div className="flex h-full flex-col">
      <EditorToolbar
        actions={actions}
        onShowShortcuts={shortcuts.openCheatSheet}
        save={
          // Presence and sharing sit with saving: who else is here, who it is shared with.
          <>
            {graphId && <EditorPresence graphId={graphId} />}
            {graphId && <ShareButton graphId={graphId} />}
            <SaveControls />
          </>
        }
        run={<RunControls />}
      />
      <div className="flex min-h-0 flex-1">
        <aside className="w-60 shrink-0 border-r border-slate-200 dark:border-slate-800">
          <NodePalette types={types} onAdd={onAdd} />
        </aside>
        <section aria-label="Canvas" className="relative min-w-0 flex-1">
          <GraphCanvas />
          <CompareBar />
        </section>
        <aside className="w-80 shrink-0 border-l border-slate-200 dark:border-slate-800">
          <SidePanel actions={actions} />
        </aside>
      </div>
      {shortcuts.cheatSheet}
    </div>
  );
}
