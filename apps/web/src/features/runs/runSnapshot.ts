import type { RouterOutputs } from '@beluga/api';
import type { RunFold } from './runFold';
import type { AttemptSpan, NodeRunState, RunEdge, WaitingApproval } from './runTypes';

export type RunSnapshot = RouterOutputs['runs']['get'];

const OUTCOME: Partial<Record<NodeRunState['status'], AttemptSpan['outcome']>> = {
  running: 'running',
  waiting: 'running',
  retrying: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

/**
 * The timeline span of a node as runs.get left it. Earlier attempts are not in the snapshot:
 * the span covers them all (`attempt` tells how many there were).
 */
function snapshotSpan(node: NodeRunState, since: number | undefined): AttemptSpan | undefined {
  const outcome = OUTCOME[node.status];
  if (node.startedAt === undefined || !outcome) return undefined;
  return {
    attempt: node.attempt,
    startedAt: node.startedAt,
    outcome,
    ...(node.attempt > 1 ? { merged: true as const } : {}),
    ...(node.finishedAt === undefined ? {} : { endedAt: node.finishedAt }),
    ...(node.status === 'waiting' ? { waitingSince: since ?? node.startedAt } : {}),
    ...(node.error && node.status === 'failed' ? { error: node.error } : {}),
  };
}

/** The run view of a runs.get answer, before any live event. */
export function foldSnapshot(snapshot: RunSnapshot, edges: readonly RunEdge[]): RunFold {
  const pending = new Map(snapshot.pendingApprovals.map((p) => [p.nodeId, p]));
  const fed = new Set(edges.map((edge) => edge.target));
  const nodes: RunFold['nodes'] = {};
  const attempts: RunFold['attempts'] = {};
  const approvals: RunFold['approvals'] = {};
  for (const state of snapshot.nodes) {
    // Entry nodes get the run input; the server's fold leaves their input empty.
    const node =
      state.input === undefined && !fed.has(state.nodeId) && state.status !== 'pending'
        ? { ...state, input: snapshot.run.input }
        : state;
    nodes[node.nodeId] = node;
    const request = pending.get(node.nodeId);
    const span = snapshotSpan(node, request?.since);
    attempts[node.nodeId] = span ? [span] : [];
    if (node.status === 'waiting') approvals[node.nodeId] = waitingFromSnapshot(node, request);
  }
  return { run: snapshot.run, lastSeq: snapshot.lastSeq, nodes, attempts, approvals };
}

function waitingFromSnapshot(
  node: NodeRunState,
  request: { prompt: string; since: number } | undefined,
): WaitingApproval {
  return {
    nodeId: node.nodeId,
    prompt: request?.prompt ?? '',
    input: node.input,
    since: request?.since ?? node.startedAt ?? Date.now(),
  };
}
