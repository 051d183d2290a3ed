import {
  applyNodeEvent,
  previewOf,
  type NodeRunState,
  type RunEventType,
} from '@beluga/orchestration/run-state';
import type { RunEventDraft } from '../shared.js';
import { workflowInfo } from '@temporalio/workflow';
import { runEvents } from './runEventSinks.js';

/** How many progress previews the state query keeps per node. */
const PROGRESS_KEPT = 20;

const ENDS: ReadonlySet<RunEventType> = new Set([
  'node.succeeded',
  'node.failed',
  'node.skipped',
  'node.cancelled',
  'run.succeeded',
  'run.failed',
  'run.cancelled',
]);

/**
 * An event's key. A node, and the run, end once: their end events share one key, so the first
 * stored stands. Temporal may discard a workflow task that already appended events (its
 * completion refused because a cancellation arrived meanwhile) and run that part again on
 * another path; the log then keeps one end per node and for the run, not two that disagree.
 */
function keyOf(type: RunEventType, fields: Partial<RunEventDraft>): string {
  const subject =
    fields.nodeId === undefined ? type.slice(0, type.indexOf('.')) : `node:${fields.nodeId}`;
  if (ENDS.has(type)) return `${subject}:end`;
  const nodePart = fields.nodeId === undefined ? '' : `:${fields.nodeId}`;
  const attemptPart =
    type === 'node.started' || type === 'node.waiting' ? `:${fields.attempt ?? 1}` : '';
  return `${type}${nodePart}${attemptPart}`;
}

/**
 * The workflow's side of the run's event log: events are buffered and handed to the sink in one
 * call before the workflow awaits, and folded into the node states the `state` query returns.
 * Keys are deterministic (type, node, attempt), so a task re-executed after a crash appends
 * nothing twice.
 */
export class EventLog {
  readonly states: NodeRunState[] = [];
  private readonly byId = new Map<string, NodeRunState>();
  private buffer: RunEventDraft[] = [];
  /** The latest time known from the activities (see advance). */
  private floor = 0;
  /** The workflow task (the history length) and the first node end seen in it (taskWorkMs). */
  private task = Number.NaN;
  private sliceFrom = 0;

  constructor(readonly runId: string) {}

  track(states: readonly NodeRunState[]): void {
    for (const state of states) {
      this.states.push(state);
      this.byId.set(state.nodeId, state);
    }
  }

  state(nodeId: string): NodeRunState | undefined {
    return this.byId.get(nodeId);
  }

  emit(type: RunEventType, fields: Partial<RunEventDraft> = {}): void {
    const draft: RunEventDraft = {
      key: keyOf(type, fields),
      type,
      runId: this.runId,
      ts: Math.max(Date.now(), this.floor),
      ...fields,
    };
    this.buffer.push(draft);
    const state = fields.nodeId === undefined ? undefined : this.byId.get(fields.nodeId);
    if (state) applyNodeEvent(state, { ...draft, seq: 0 }, PROGRESS_KEPT);
  }

  /**
   * A node ended at `ts` (its activity's clock, a time the history holds, so replay sees the
   * same): events stamped after it are stamped no earlier.
   */
  advance(ts: number): void {
    // The history grows only when a workflow task completes: its length names the task.
    const task = workflowInfo().historyLength;
    if (task !== this.task) {
      this.task = task;
      this.sliceFrom = ts;
    }
    if (ts > this.floor) this.floor = ts;
  }

  /**
   * How long the nodes that ended in this workflow task ran, by their end times (one worker's
   * clock, so no skew with Temporal's): from the first end to the latest.
   */
  taskWorkMs(): number {
    return workflowInfo().historyLength === this.task ? this.floor - this.sliceFrom : 0;
  }

  preview(value: unknown): unknown {
    return previewOf(value);
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const events = this.buffer;
    this.buffer = [];
    runEvents.append(this.runId, events);
  }
}
