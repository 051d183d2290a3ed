import type { GraphDocument } from '@beluga/graph';
import { NODE_STATUS_OF_EVENT, type NodeRunStatus, type RunEvent } from '@beluga/orchestration';
import type { Paint } from './style.js';

export type NodeState = NodeRunStatus;

export interface NodeStatus {
  type: string;
  state: NodeState;
  attempt: number;
  durationMs?: number;
  error?: string;
  /** The tail of what the node streamed (LLM tokens, logs). */
  streamed: string;
}

const SYMBOL: Record<NodeState, [string, Parameters<Paint>[0]]> = {
  pending: ['·', 'gray'],
  queued: ['○', 'gray'],
  running: ['◐', 'cyan'],
  retrying: ['↻', 'yellow'],
  waiting: ['⏸', 'magenta'],
  succeeded: ['✓', 'green'],
  failed: ['✗', 'red'],
  skipped: ['–', 'gray'],
  cancelled: ['⊘', 'yellow'],
};

const STREAM_TAIL = 60;

function streamedText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (typeof data === 'object' && data !== null) {
    for (const key of ['token', 'delta', 'text', 'log']) {
      const value = (data as Record<string, unknown>)[key];
      if (typeof value === 'string') return key === 'log' ? `${value} ` : value;
    }
  }
  return '';
}

/** Node states of one run, folded from its events. */
export class RunStates {
  readonly nodes = new Map<string, NodeStatus>();

  constructor(document: GraphDocument) {
    for (const node of document.nodes)
      this.nodes.set(node.id, { type: node.type, state: 'pending', attempt: 0, streamed: '' });
  }

  /** Applies an event; returns the node whose state changed, if one did. */
  apply(event: RunEvent): string | undefined {
    const status = event.nodeId === undefined ? undefined : this.nodes.get(event.nodeId);
    if (!status || event.nodeId === undefined) return undefined;
    if (event.type === 'node.progress') {
      status.streamed = (status.streamed + streamedText(event.data))
        .replace(/\s+/g, ' ')
        .slice(-STREAM_TAIL);
      return undefined;
    }
    const state = NODE_STATUS_OF_EVENT[event.type];
    if (!state) return undefined;
    status.state = state;
    if (event.attempt !== undefined) status.attempt = event.attempt;
    if (event.durationMs !== undefined) status.durationMs = Math.round(event.durationMs);
    if (event.error) status.error = `${event.error.code}: ${event.error.message}`;
    return event.nodeId;
  }

  counts(): Record<NodeState, number> {
    const counts = Object.fromEntries(Object.keys(SYMBOL).map((state) => [state, 0])) as Record<
      NodeState,
      number
    >;
    for (const status of this.nodes.values()) counts[status.state] += 1;
    return counts;
  }
}

/** One line for a node: symbol, id, type, state and what is worth knowing about it. */
export function describeNode(id: string, status: NodeStatus, paint: Paint, width = 20): string {
  const [symbol, color] = SYMBOL[status.state];
  const details: string[] = [];
  if (status.attempt > 1 || status.state === 'retrying') details.push(`attempt ${status.attempt}`);
  if (status.durationMs !== undefined && status.state !== 'running')
    details.push(`${status.durationMs} ms`);
  const extra = details.length > 0 ? ` (${details.join(', ')})` : '';
  const tail =
    status.error && (status.state === 'failed' || status.state === 'retrying')
      ? ` ${paint('red', status.error)}`
      : status.streamed && (status.state === 'running' || status.state === 'succeeded')
        ? ` ${paint('gray', `“${status.streamed}”`)}`
        : '';
  return `${paint(color, symbol)} ${id.padEnd(width)} ${paint('gray', status.type.padEnd(12))} ${paint(color, status.state)}${extra}${tail}`;
}
