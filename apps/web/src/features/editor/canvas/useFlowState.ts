import {
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { useCallback, useEffect, useState } from 'react';
import { editDocument, useEditorStore } from '../editorStore';
import { moveNodes } from '../model/documentEdits';
import { notesOf } from '../model/notes';
import { toFlowEdges, toFlowNodes, type FlowNode, type GraphFlowEdge } from '../model/toFlow';
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

/**
 * React Flow's nodes and edges, derived from the document. Drags, measurements and selection
 * live here while they happen; a finished move and every other edit go to the document, so
 * undo and saving see them and a drag is one history step, not one per frame.
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

  useEffect(
    () => setNodes((prev) => toFlowNodes(docNodes ?? [], docNotes ?? [], prev)),
    [docNodes, docNotes],
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
      applyNodeChanges(
        changes.filter((c) => c.type !== 'remove'),
        prev,
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

  return { nodes, edges, onNodesChange, onEdgesChange };
}
