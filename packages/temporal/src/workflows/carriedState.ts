import type { NodeRunState } from '@beluga/orchestration/run-state';
import { NodeState, type Scheduler } from '@beluga/orchestration/scheduler';
import type { CompiledRunSpec } from '../shared.js';
import type { ApprovalDecision } from './approvalDesk.js';

/** One resolution the scheduler saw: `[node, 0 = succeeded | 1 = recovered, value]`. */
export type Completion = [node: number, kind: 0 | 1, value: unknown];

/** What a run hands to its continuation (continue-as-new) instead of the document. */
export interface CarriedState {
  /** The compiled graph; absent for a graph given by reference (it is fetched again). */
  spec?: CompiledRunSpec;
  /** Every resolution so far, in order: replayed into a fresh scheduler. */
  completions: Completion[];
  /** Node states without output previews (they stay in the event log). */
  states: NodeRunState[];
  startedAt: number;
  deadline?: number;
  /** When each approval node that is waiting started waiting (workflow time, ms). */
  approvalSince: Record<string, number>;
  early: Record<string, ApprovalDecision>;
  continuedAsNew: number;
}

/**
 * A completion with its value reduced to what replaying it needs, once nothing downstream will
 * read the value again: which ports carried something (an object of zeros) or, for a single
 * output, any defined value. Finish nodes keep their value: the run output is made of it.
 */
export function shrinkCompletion(scheduler: Scheduler, completion: Completion): Completion {
  const [node, kind, value] = completion;
  const { plan } = scheduler;
  if (kind === 1 || plan.finishes.includes(node)) return completion;
  for (let i = plan.outStart[node] as number; i < (plan.outStart[node + 1] as number); i++) {
    const target = plan.edgeTarget[plan.outEdges[i] as number] as number;
    const state = scheduler.stateOf(target);
    if (state === NodeState.Pending || state === NodeState.Ready) return completion;
  }
  if (!plan.namedOutputs[node]) return [node, kind, 0];
  if (typeof value !== 'object' || value === null) return [node, kind, value];
  const ports: Record<string, number> = {};
  for (const [port, carried] of Object.entries(value)) if (carried !== undefined) ports[port] = 0;
  return [node, kind, ports];
}
