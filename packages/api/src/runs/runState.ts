import type { GraphDocument } from '@beluga/graph';
import {
  applyNodeEvent,
  type NodeRunState,
  type NodeRunStatus,
  type RunEvent,
} from '@beluga/orchestration';

export type { NodeRunState, NodeRunStatus };

const PROGRESS_KEPT = 50;

function portValue(output: unknown, port: string): unknown {
  if (port === 'out') return output;
  return typeof output === 'object' && output !== null
    ? (output as Record<string, unknown>)[port]
    : undefined;
}

/** Each node's state from a run's events, with inputs derived from the upstream outputs. */
export function foldRunEvents(
  document: GraphDocument,
  events: readonly RunEvent[],
): NodeRunState[] {
  const nodes = new Map<string, NodeRunState>(
    document.nodes.map((node) => [
      node.id,
      { nodeId: node.id, type: node.type, status: 'pending', attempt: 0, progress: [] },
    ]),
  );
  for (const event of events) {
    const node = event.nodeId === undefined ? undefined : nodes.get(event.nodeId);
    if (node) applyNodeEvent(node, event, PROGRESS_KEPT);
  }
  const incoming = new Map<string, GraphDocument['edges']>();
  for (const edge of document.edges)
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge]);
  for (const node of nodes.values()) {
    const edges = (incoming.get(node.nodeId) ?? []).filter(
      (edge) => nodes.get(edge.source)?.status === 'succeeded',
    );
    if (edges.length === 0) continue;
    const values = edges.map(
      (edge) => [edge.source, portValue(nodes.get(edge.source)?.output, edge.sourcePort)] as const,
    );
    node.input = values.length === 1 ? values[0]?.[1] : Object.fromEntries(values);
  }
  return [...nodes.values()];
}
