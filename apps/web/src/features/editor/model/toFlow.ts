import type { GraphEdge, GraphNode, GraphNote } from '@beluga/graph';
import type { Edge, Node } from '@xyflow/react';
import type { NodeGeometry } from './nodeGeometry';
import { DEFAULT_NOTE_SIZE, noteFlowId } from './notes';

/** React Flow node data: the document node itself (its identity tells memo what changed). */
export type GraphNodeData = { node: GraphNode };
export type GraphFlowNode = Node<GraphNodeData, 'graph'>;
export type NoteData = { note: GraphNote };
/** A sticky note on the canvas: no ports, no problems, not part of `document.nodes`. */
export type NoteFlowNode = Node<NoteData, 'note'>;
export type FlowNode = GraphFlowNode | NoteFlowNode;
export type GraphEdgeData = { edge: GraphEdge };
export type GraphFlowEdge = Edge<GraphEdgeData, 'graph'>;

function toNoteFlowNode(note: GraphNote, prev: FlowNode | undefined): NoteFlowNode {
  const size = note.size ?? DEFAULT_NOTE_SIZE;
  return {
    ...(prev?.type === 'note' ? prev : {}),
    id: noteFlowId(note.id),
    type: 'note',
    position: note.position,
    width: size.width,
    height: size.height,
    connectable: false,
    ariaLabel: note.text.trim() ? `Note: ${note.text.trim().split('\n')[0]}` : 'Empty note',
    data: { note },
  };
}

/** A node's expected size and handles before React Flow has measured it (big graphs only). */
export type EstimateGeometry = (node: GraphNode) => NodeGeometry | undefined;

function toGraphFlowNode(
  node: GraphNode,
  prev: FlowNode | undefined,
  estimate: EstimateGeometry | undefined,
): GraphFlowNode {
  const sized = prev?.type === 'graph' && prev.measured !== undefined;
  return {
    ...(prev?.type === 'graph' ? prev : {}),
    ...(sized ? {} : estimate?.(node)),
    id: node.id,
    type: 'graph',
    position: node.position,
    data: { node },
  };
}

/**
 * Document nodes and notes as React Flow nodes, notes first so they lie under the nodes. A flow
 * node whose document node or note is unchanged is reused as is, so editing one node of a big
 * graph re-renders one node.
 */
export function toFlowNodes(
  nodes: readonly GraphNode[],
  notes: readonly GraphNote[],
  previous: readonly FlowNode[],
  estimate?: EstimateGeometry,
): FlowNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  const flowNotes = notes.map((note): FlowNode => {
    const prev = before.get(noteFlowId(note.id));
    return prev?.type === 'note' && prev.data.note === note ? prev : toNoteFlowNode(note, prev);
  });
  const flowNodes = nodes.map((node): FlowNode => {
    const prev = before.get(node.id);
    return prev?.type === 'graph' && prev.data.node === node
      ? prev
      : toGraphFlowNode(node, prev, estimate);
  });
  return [...flowNotes, ...flowNodes];
}

/** Edges with port ids as handles: sourceHandle/targetHandle are the port names. */
export function toFlowEdges(
  edges: readonly GraphEdge[],
  previous: readonly GraphFlowEdge[],
): GraphFlowEdge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  return edges.map((edge) => {
    const prev = before.get(edge.id);
    if (prev && prev.data?.edge === edge) return prev;
    return {
      ...(prev ?? {}),
      id: edge.id,
      type: 'graph',
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourcePort,
      targetHandle: edge.targetPort,
      data: { edge },
    };
  });
}
