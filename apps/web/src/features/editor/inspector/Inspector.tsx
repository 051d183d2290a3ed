import { MousePointerClick } from 'lucide-react';
import { useNodeType } from '../catalog/CatalogContext';
import { useEditorStore } from '../editorStore';
import { noteIdOf } from '../model/notes';
import { useCanvasDocument } from '../viewingRun';
import { NodeInspector } from './NodeInspector';

/** The right-hand inspector: the one selected node, or what to do when there is none. */
export function Inspector() {
  const count = useEditorStore((state) => state.selectedNodeIds.length);
  // While a run is viewed, the node as it ran (it may since have changed or gone).
  const document = useCanvasDocument();
  const id = useEditorStore((state) =>
    state.selectedNodeIds.length === 1 ? state.selectedNodeIds[0] : undefined,
  );
  const node = id === undefined ? undefined : document?.nodes.find((n) => n.id === id);
  const isNote = useEditorStore(
    (state) =>
      state.selectedNodeIds.length === 1 && noteIdOf(state.selectedNodeIds[0] ?? '') !== undefined,
  );
  const spec = useNodeType(node?.type ?? '');
  if (node) return <NodeInspector key={node.id} node={node} spec={spec} />;
  return (
    <div className="flex flex-col items-center gap-2 p-6 text-center text-sm text-slate-500">
      <MousePointerClick aria-hidden className="size-6 text-slate-400" />
      {isNote ? (
        <p>
          A sticky note. Double-click it or press Enter to edit its text; its colours are above it.
        </p>
      ) : count > 1 ? (
        <p>{count} nodes selected. Select a single node to edit it.</p>
      ) : (
        <p>Select a node to edit its label and configuration, or add one from the palette.</p>
      )}
    </div>
  );
}
