import {
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type EdgeTypes,
  type NodeTypes,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import { useCallback, useMemo, type DragEvent } from 'react';
import { useCatalogMap } from '../catalog/CatalogContext';
import { editDocument, useEditorStore } from '../editorStore';
import { removeElements } from '../model/documentEdits';
import { VIRTUALIZE_FROM } from '../model/nodeGeometry';
import type { FlowNode, GraphFlowEdge } from '../model/toFlow';
import { PALETTE_DRAG_TYPE } from '../palette/paletteDrag';
import { useEditorActions } from '../useEditorActions';
import { createConnectionHandlers } from './connectionHandlers';
import { DotGrid } from './DotGrid';
import { FlowEdge } from './FlowEdge';
import { GraphNodeView } from './GraphNodeView';
import { MiniOverview } from './MiniOverview';
import { NoteView } from './NoteView';
import { trackPointer } from './pointer';
import { OverviewCanvas } from './OverviewCanvas';
import { useFlowState } from './useFlowState';
import { useOverview } from './useOverview';
import { useViewingRun } from '../viewingRun';

const nodeTypes: NodeTypes = { graph: GraphNodeView, note: NoteView };
const edgeTypes: EdgeTypes = { graph: FlowEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
// Hidden nodes count: in the overview (useOverview) every node is hidden from React Flow.
const FIT = { padding: 0.2, maxZoom: 1.2, includeHiddenNodes: true };
/**
 * A big graph opens at a zoom where its nodes can be read, centred, rather than whole at a zoom
 * where 2,000 nodes are specks: only what is on screen is then rendered, so it opens, pans and
 * shows a run quickly. Zoom to fit and the minimap still show all of it.
 */
const FIT_BIG = { ...FIT, minZoom: 0.5 };

const NO_EDGES: GraphFlowEdge[] = [];

/**
 * In the overview React Flow keeps the nodes (for fitting the view, selection, the document's
 * positions) but renders none of them: OverviewCanvas draws them all at once instead.
 */
function useHiddenWhen<T extends FlowNode>(hide: boolean, nodes: T[]): T[] {
  return useMemo(
    () => (hide ? nodes.map((node) => ({ ...node, hidden: true })) : nodes),
    [hide, nodes],
  );
}

function onSelectionChange({ nodes, edges }: OnSelectionChangeParams) {
  useEditorStore.getState().setSelection(
    nodes.map((n) => n.id),
    edges.map((e) => e.id),
  );
}

function onDelete({ nodes, edges }: { nodes: FlowNode[]; edges: GraphFlowEdge[] }) {
  editDocument((doc) =>
    removeElements(
      doc,
      nodes.map((n) => n.id),
      edges.map((e) => e.id),
    ),
  );
}

function onDragOver(event: DragEvent) {
  if (!event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
}

/** The React Flow canvas of the open document. */
export function GraphCanvas() {
  const catalog = useCatalogMap();
  const { nodes, edges, onNodesChange, onEdgesChange, big } = useFlowState();
  const actions = useEditorActions();
  const handlers = useMemo(() => createConnectionHandlers(catalog), [catalog]);
  const { screenToFlowPosition } = useReactFlow();
  const locked = useViewingRun();
  const { far, ...overviewHandlers } = useOverview(big);
  const shownNodes = useHiddenWhen(far, nodes);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!type || locked) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      actions.addNodeOfType(type, { x: at.x - 112, y: at.y - 24 });
    },
    [actions, screenToFlowPosition, locked],
  );
  return (
    <ReactFlow<FlowNode, GraphFlowEdge>
      nodes={shownNodes}
      edges={far ? NO_EDGES : edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onSelectionChange={onSelectionChange}
      onDelete={onDelete}
      onDrop={onDrop}
      onDragOver={locked ? undefined : onDragOver}
      onPointerMove={trackPointer}
      onPointerLeave={trackPointer}
      deleteKeyCode={locked ? null : DELETE_KEYS}
      nodesDraggable={!locked}
      nodesConnectable={!locked}
      edgesReconnectable={!locked}
      onlyRenderVisibleElements={nodes.length > VIRTUALIZE_FROM}
      fitView
      fitViewOptions={big ? FIT_BIG : FIT}
      minZoom={0.05}
      // Past VIRTUALIZE_FROM nodes a run shows no per-frame animation (styles.css: .beluga-big).
      className={big ? 'beluga-big' : undefined}
      aria-label="Graph canvas"
      {...handlers}
      {...overviewHandlers}
    >
      <DotGrid />
      {far && <OverviewCanvas edges={edges} />}
      {big ? (
        <MiniOverview />
      ) : (
        <MiniMap pannable zoomable ariaLabel="Minimap" className="!bg-white dark:!bg-slate-900" />
      )}
      <Controls showInteractive={false} fitViewOptions={FIT} />
    </ReactFlow>
  );
}
