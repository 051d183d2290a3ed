import type { NodeRunState, NodeRunStatus, RouterOutputs } from '@beluga/api';

type EventsOutput = RouterOutputs['runs']['events'];
type TrackedBatch = EventsOutput extends AsyncIterable<infer T> ? T : never;

/** One run event as the SSE stream delivers it (see DESIGN.md, "Run events"). */
export type RunEvent = TrackedBatch extends { data: (infer E)[] } ? E : never;
export type RunEventType = RunEvent['type'];

/** A run as runs.get and runs.list return it (dates arrive as ISO strings). */
export type RunSummary = RouterOutputs['runs']['get']['run'];
export type RunStatus = RunSummary['status'];
export type PendingApprovalInfo = RouterOutputs['runs']['get']['pendingApprovals'][number];

/** An edge of the run's graph version, as much as the run view needs. */
export interface RunEdge {
  id: string;
  source: string;
  sourcePort: string;
  target: string;
}

/** One attempt of a node, as the timeline draws it. */
export interface AttemptSpan {
  attempt: number;
  startedAt: number;
  endedAt?: number;
  /** When the node began to wait for a person during this attempt. */
  waitingSince?: number;
  outcome: 'running' | 'retried' | 'succeeded' | 'failed' | 'cancelled';
  error?: { code: string; message: string; retryable: boolean };
  /** Backoff before the next attempt (retried attempts). */
  delayMs?: number;
  /** From a snapshot (runs.get): covers attempts 1..`attempt`, whose details are not known. */
  merged?: true;
}

/** An approval node waiting for a decision in the shown run. */
export interface WaitingApproval {
  nodeId: string;
  prompt: string;
  input: unknown;
  since: number;
}

/**
 * How data moves along an edge in the shown run: `flowing` while the target works on what the
 * source delivered, `delivered` once it is done, `silent` when the source port sent nothing
 * (the branch not taken, a skipped or failed source).
 */
export type EdgeFlow = 'flowing' | 'delivered' | 'silent';

export type { NodeRunState, NodeRunStatus };
