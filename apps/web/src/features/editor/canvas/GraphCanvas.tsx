import {
  Background,
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
import type { FlowNode, GraphFlowEdge } from '../model/toFlow';
import { PALETTE_DRAG_TYPE } from '../palette/paletteDrag';
import { useEditorActions } from '../useEditorActions';
import { createConnectionHandlers } from './connectionHandlers';
import { FlowEdge } from './FlowEdge';
import { GraphNodeView } from './GraphNodeView';
import { NoteView } from './NoteView';
import { trackPointer } from './pointer';
import { useFlowState } from './useFlowState';
import { useViewingRun } from '../viewingRun';

const nodeTypes: NodeTypes = { graph: GraphNodeView, note: NoteView };
const edgeTypes: EdgeTypes = { graph: FlowEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
/** Past this many nodes only what is on screen is rendered. */
const VIRTUALIZE_FROM = 300;

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
  const { nodes, edges, onNodesChange, onEdgesChange } = useFlowState();
  const actions = useEditorActions();
  const handlers = useMemo(() => createConnectionHandlers(catalog), [catalog]);
  const { screenToFlowPosition } = useReactFlow();
  const locked = useViewingRun();
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
      nodes={nodes}
      edges={edges}
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
      fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }}
      minZoom={0.05}
      aria-label="Graph canvas"
      {...handlers}
    >
      <Background gap={16} />
      <MiniMap pannable zoomable ariaLabel="Minimap" className="!bg-white dark:!bg-slate-900" />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
