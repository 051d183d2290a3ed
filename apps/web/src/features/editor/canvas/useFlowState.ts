import {
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useCatalogMap } from '../catalog/CatalogContext';
import { editDocument, useEditorStore } from '../editorStore';
import { moveNodes } from '../model/documentEdits';
import { estimateGeometry, VIRTUALIZE_FROM } from '../model/nodeGeometry';
import { notesOf } from '../model/notes';
import {
  toFlowEdges,
  toFlowNodes,
  type EstimateGeometry,
  type FlowNode,
  type GraphFlowEdge,
} from '../model/toFlow';
import { useCanvasDocument } from '../viewingRun';

function withSelection<T extends { id: string; selected?: boolean }>(
  items: T[],
  ids: string[],
): T[] {
  const chosen = new Set(ids);
  let changed = false;
  const next = items.map((item) => {
    const selected = chosen.has(item.id);
    if (Boolean(item.selected) === selected) return item;
    changed = true;
    return { ...item, selected };
  });
  return changed ? next : items;
}

/** React Flow measured these nodes: their estimated handles give way to the measured ones. */
function dropEstimates(nodes: FlowNode[], changes: NodeChange<FlowNode>[]): FlowNode[] {
  const measured = new Set<string>();
  for (const change of changes) if (change.type === 'dimensions') measured.add(change.id);
  if (measured.size === 0) return nodes;
  return nodes.map((node) => {
    if (!measured.has(node.id) || !node.handles) return node;
    const { handles: _estimated, ...rest } = node;
    return rest;
  });
}

/**
 * React Flow's nodes and edges, derived from the document. Drags, measurements and selection
 * live here while they happen; a finished move and every other edit go to the document, so
 * undo and saving see them and a drag is one history step, not one per frame. `big`: past
 * VIRTUALIZE_FROM nodes, which then start with estimated sizes (see estimateGeometry).
 */
export function useFlowState() {
  const document = useCanvasDocument();
  const selectedNodeIds = useEditorStore((state) => state.selectedNodeIds);
  const selectedEdgeIds = useEditorStore((state) => state.selectedEdgeIds);
  const [nodes, setNodes] = useState<FlowNode[]>([]);
  const [edges, setEdges] = useState<GraphFlowEdge[]>([]);
  const docNodes = document?.nodes;
  const docEdges = document?.edges;
  const docNotes = document && notesOf(document);

  const catalog = useCatalogMap();
  const big = (docNodes?.length ?? 0) > VIRTUALIZE_FROM;
  const estimate = useMemo<EstimateGeometry | undefined>(
    () => (big ? (node) => estimateGeometry(catalog.get(node.type)) : undefined),
    [big, catalog],
  );

  useEffect(
    () => setNodes((prev) => toFlowNodes(docNodes ?? [], docNotes ?? [], prev, estimate)),
    [docNodes, docNotes, estimate],
  );
  useEffect(() => setEdges((prev) => toFlowEdges(docEdges ?? [], prev)), [docEdges]);
  useEffect(
    () => setNodes((prev) => withSelection(prev, selectedNodeIds)),
    [selectedNodeIds, docNodes, docNotes],
  );
  useEffect(
    () => setEdges((prev) => withSelection(prev, selectedEdgeIds)),
    [selectedEdgeIds, docEdges],
  );

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    // Removal goes through onDelete → the document; the effect above then drops the node.
    setNodes((prev) =>
      dropEstimates(
        applyNodeChanges(
          changes.filter((c) => c.type !== 'remove'),
          prev,
        ),
        changes,
      ),
    );
    const moved = new Map<string, XYPosition>();
    for (const change of changes) {
      if (change.type === 'position' && change.dragging === false && change.position) {
        moved.set(change.id, change.position);
      }
    }
    if (moved.size > 0) editDocument((doc) => moveNodes(doc, moved));
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<GraphFlowEdge>[]) => {
    setEdges((prev) =>
      applyEdgeChanges(
        changes.filter((c) => c.type !== 'remove'),
        prev,
      ),
    );
  }, []);

  return { nodes, edges, onNodesChange, onEdgesChange, big };
}
