import { applyNodeEvent } from '@beluga/orchestration';
import type {
  AttemptSpan,
  NodeRunState,
  RunEdge,
  RunEvent,
  RunSummary,
  WaitingApproval,
} from './runTypes';

/** What the run view knows of a run: folded from runs.get, then from each batch of events. */
export interface RunFold {
  run: RunSummary | undefined;
  /** The last event applied; later batches skip what they repeat (a reconnect may resend). */
  lastSeq: number;
  nodes: Record<string, NodeRunState>;
  attempts: Record<string, AttemptSpan[]>;
  approvals: Record<string, WaitingApproval>;
}

/** More than the server keeps (50): a live view shows a whole LLM answer token by token. */
export const PROGRESS_KEPT = 5000;

export function emptyNodeState(nodeId: string, type = 'unknown'): NodeRunState {
  return { nodeId, type, status: 'pending', attempt: 0, progress: [] };
}

function closeSpan(spans: AttemptSpan[], patch: Partial<AttemptSpan>): void {
  const last = spans.at(-1);
  if (!last || last.outcome !== 'running') return;
  spans[spans.length - 1] = { ...last, ...patch };
}

/** The timeline's attempts: one span per node.started, closed by its retry or its end. */
function applyToSpans(spans: AttemptSpan[], event: RunEvent): void {
  const { ts } = event;
  switch (event.type) {
    case 'node.started':
      spans.push({ attempt: event.attempt ?? spans.length + 1, startedAt: ts, outcome: 'running' });
      return;
    case 'node.waiting': {
      const last = spans.at(-1);
      if (last?.outcome === 'running') spans[spans.length - 1] = { ...last, waitingSince: ts };
      return;
    }
    case 'node.retrying':
      return closeSpan(spans, {
        endedAt: ts,
        outcome: 'retried',
        ...(event.error ? { error: event.error } : {}),
        ...(event.delayMs === undefined ? {} : { delayMs: event.delayMs }),
      });
    case 'node.succeeded':
    case 'node.failed':
    case 'node.cancelled':
      return closeSpan(spans, {
        endedAt: ts,
        outcome: event.type.slice(5) as AttemptSpan['outcome'],
        ...(event.error ? { error: event.error } : {}),
      });
    default:
      return;
  }
}

function applyToRun(run: RunSummary | undefined, event: RunEvent): RunSummary | undefined {
  if (!run) return run;
  const finishedAt = new Date(event.ts).toISOString();
  const error = event.error ? { code: event.error.code, message: event.error.message } : null;
  switch (event.type) {
    case 'run.succeeded':
      return { ...run, status: 'succeeded', finishedAt, output: event.data ?? null };
    case 'run.failed':
      return {
        ...run,
        status: error?.code === 'INTERRUPTED' ? 'interrupted' : 'failed',
        finishedAt,
        error,
      };
    case 'run.cancelled':
      return { ...run, status: 'cancelled', finishedAt, error };
    default:
      return run;
  }
}

function waitingOf(event: RunEvent): WaitingApproval {
  const data = (event.data ?? {}) as { prompt?: unknown; input?: unknown };
  return {
    nodeId: event.nodeId ?? '',
    prompt: typeof data.prompt === 'string' ? data.prompt : '',
    input: data.input,
    since: event.ts,
  };
}

/**
 * Applies a batch of events. Pure: returns a new fold in which only the touched nodes are new
 * objects (so a node component re-renders only when its own node changed). Events at or before
 * `lastSeq` are skipped, so a batch replayed after a reconnect changes nothing.
 */
export function applyRunEvents(
  fold: RunFold,
  events: readonly RunEvent[],
  edges: readonly RunEdge[],
): RunFold {
  const nodes = { ...fold.nodes };
  const attempts = { ...fold.attempts };
  // Copied only when an approval comes or goes: most batches touch none.
  let approvals = fold.approvals;
  const ownApprovals = () =>
    approvals === fold.approvals ? (approvals = { ...fold.approvals }) : approvals;
  const copied = new Set<string>();
  const succeeded = new Set<string>();
  let { run, lastSeq } = fold;
  const own = (nodeId: string): NodeRunState => {
    if (!copied.has(nodeId)) {
      const current = nodes[nodeId] ?? emptyNodeState(nodeId);
      nodes[nodeId] = { ...current, progress: [...current.progress] };
      attempts[nodeId] = [...(attempts[nodeId] ?? [])];
      copied.add(nodeId);
    }
    return nodes[nodeId] as NodeRunState;
  };
  for (const event of events) {
    if (event.seq <= lastSeq) continue;
    lastSeq = event.seq;
    if (event.nodeId === undefined) {
      run = applyToRun(run, event);
      continue;
    }
    const node = own(event.nodeId);
    applyNodeEvent(node, event, PROGRESS_KEPT);
    applyToSpans(attempts[event.nodeId] as AttemptSpan[], event);
    if (event.type === 'node.waiting') {
      const waiting = waitingOf(event);
      ownApprovals()[event.nodeId] = waiting;
      if (node.input === undefined) node.input = waiting.input;
    } else if (event.type !== 'node.progress' && event.nodeId in approvals) {
      delete ownApprovals()[event.nodeId];
    }
    if (event.type === 'node.succeeded') succeeded.add(event.nodeId);
  }
  if (lastSeq === fold.lastSeq) return fold;
  deriveInputs(nodes, edges, succeeded, own);
  return { run, lastSeq, nodes, attempts, approvals };
}

/** A value a node sent on one of its ports (`out` is the whole output). */
export function portValue(output: unknown, port: string): unknown {
  if (port === 'out') return output;
  return typeof output === 'object' && output !== null
    ? (output as Record<string, unknown>)[port]
    : undefined;
}

interface EdgeIndex {
  bySource: ReadonlyMap<string, readonly RunEdge[]>;
  byTarget: ReadonlyMap<string, readonly RunEdge[]>;
}

const edgeIndexes = new WeakMap<readonly RunEdge[], EdgeIndex>();

function group(edges: readonly RunEdge[], key: 'source' | 'target') {
  const groups = new Map<string, RunEdge[]>();
  for (const edge of edges) {
    const list = groups.get(edge[key]);
    if (list) list.push(edge);
    else groups.set(edge[key], [edge]);
  }
  return groups;
}

/** The run's edges by source and by target, built once per edges array (one per shown run). */
export function edgeIndexOf(edges: readonly RunEdge[]): EdgeIndex {
  let index = edgeIndexes.get(edges);
  if (!index) {
    index = { bySource: group(edges, 'source'), byTarget: group(edges, 'target') };
    edgeIndexes.set(edges, index);
  }
  return index;
}

/**
 * The inputs of the nodes fed by the ones that just succeeded, as the server folds them. Only
 * the edges around those nodes are looked at: a batch costs what it touches, not the graph.
 */
function deriveInputs(
  nodes: Record<string, NodeRunState>,
  edges: readonly RunEdge[],
  succeeded: ReadonlySet<string>,
  own: (nodeId: string) => NodeRunState,
): void {
  if (succeeded.size === 0) return;
  const { bySource, byTarget } = edgeIndexOf(edges);
  const targets = new Set<string>();
  for (const source of succeeded) for (const e of bySource.get(source) ?? []) targets.add(e.target);
  for (const target of targets) {
    if (!nodes[target]) continue;
    const values = (byTarget.get(target) ?? [])
      .filter((e) => nodes[e.source]?.status === 'succeeded')
      .map((e) => [e.source, portValue(nodes[e.source]?.output, e.sourcePort)] as const);
    if (values.length > 0)
      own(target).input = values.length === 1 ? values[0]?.[1] : Object.fromEntries(values);
  }
}
