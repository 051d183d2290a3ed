import {
  NODE_STATUS_OF_EVENT,
  type NodeRunStatus,
  type RunEvent,
  type RunEventError,
} from './events.js';

/** A node as a run left it: the editor paints these, the run panel and the API list them. */
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

const FINAL: ReadonlySet<NodeRunStatus> = new Set(['succeeded', 'failed', 'skipped', 'cancelled']);

/** True for the statuses a node does not leave. */
export function isFinalNodeStatus(status: NodeRunStatus): boolean {
  return FINAL.has(status);
}

/**
 * Folds one event into the state of its node (mutating it): the one rule the API's run view
 * and the editor's live view share. Keeps the latest `progressKept` progress previews.
 */
export function applyNodeEvent(node: NodeRunState, event: RunEvent, progressKept: number): void {
  if (event.type === 'node.progress') {
    node.progress.push(event.data);
    if (node.progress.length > progressKept) node.progress.shift();
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
  if (FINAL.has(status)) node.finishedAt = event.ts;
}
