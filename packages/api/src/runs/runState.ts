import type { GraphDocument } from '@beluga/graph';
import {
  NODE_STATUS_OF_EVENT,
  type NodeRunStatus,
  type RunEvent,
  type RunEventError,
} from '@beluga/orchestration';

export type { NodeRunStatus };

/** A node as a run left it: the editor paints these and the run panel lists them. */
export interface NodeRunState {
  nodeId: string;
  type: string;
  status: NodeRunStatus;
  attempt: number;
  startedAt?: number;
  finishedAt?: number;
  durationMs?: number;
  /** Previews (bounded) of what reached the node and what it produced. */
  input?: unknown;
  output?: unknown;
  error?: RunEventError;
  /** The latest progress previews (streamed tokens, logs), oldest first. */
  progress: unknown[];
}

const PROGRESS_KEPT = 50;

function apply(node: NodeRunState, event: RunEvent): void {
  if (event.type === 'node.progress') {
    node.progress.push(event.data);
    if (node.progress.length > PROGRESS_KEPT) node.progress.shift();
    return;
  }
  const status = NODE_STATUS_OF_EVENT[event.type];
  if (!status) return;
  node.status = status;
  if (event.attempt !== undefined) node.attempt = event.attempt;
  if (status === 'running' && node.startedAt === undefined) node.startedAt = event.ts;
  if (event.durationMs !== undefined) node.durationMs = event.durationMs;
  if (status === 'succeeded') node.output = event.data;
  if (event.error) node.error = event.error;
  if (['succeeded', 'failed', 'skipped', 'cancelled'].includes(status)) node.finishedAt = event.ts;
}

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
    if (node) apply(node, event);
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
