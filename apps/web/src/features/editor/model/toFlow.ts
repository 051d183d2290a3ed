import type { GraphEdge, GraphNode } from '@beluga/graph';
import type { Edge, Node } from '@xyflow/react';

/** React Flow node data: the document node itself (its identity tells memo what changed). */
export type GraphNodeData = { node: GraphNode };
export type GraphFlowNode = Node<GraphNodeData, 'graph'>;
export type GraphEdgeData = { edge: GraphEdge };
export type GraphFlowEdge = Edge<GraphEdgeData, 'graph'>;

/**
 * Document nodes as React Flow nodes. A flow node whose document node is unchanged is reused
 * as is, so editing one node of a big graph re-renders one node.
 */
export function toFlowNodes(
  nodes: readonly GraphNode[],
  previous: readonly GraphFlowNode[],
): GraphFlowNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return nodes.map((node) => {
    const prev = before.get(node.id);
    if (prev && prev.data.node === node) return prev;
    return {
      ...(prev ?? {}),
      id: node.id,
      type: 'graph',
      position: node.position,
      data: { node },
    };
  });
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
