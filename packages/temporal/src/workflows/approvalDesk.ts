import { CancellationScope, defineSignal, log, setHandler, sleep } from '@temporalio/workflow';
import { APPROVE_SIGNAL, REJECT_SIGNAL, type ApprovalSignal } from '../shared.js';

export interface ApprovalDecision {
  decision: 'approved' | 'rejected';
  comment?: string;
  by?: string;
}

export type ApprovalOutcome = ApprovalDecision | { decision: 'timeout' };

interface Waiting {
  settle: (outcome: ApprovalOutcome) => void;
  timer?: CancellationScope;
}

/**
 * Approval nodes on Temporal: the workflow waits for an `approve` or `reject` signal itself
 * (nothing runs on a worker meanwhile). A decision sent before the node waits is kept until it
 * does; a second decision for the same node is ignored.
 */
export class ApprovalDesk {
  /** Decisions received, not yet taken by a waiting node (carried over continue-as-new). */
  readonly early = new Map<string, ApprovalDecision>();
  private readonly taken = new Set<string>();
  private readonly waiting = new Map<string, Waiting>();

  constructor(early: Record<string, ApprovalDecision> = {}) {
    for (const [nodeId, decision] of Object.entries(early)) this.early.set(nodeId, decision);
  }

  install(): void {
    const receive = (decision: ApprovalDecision['decision']) => (signal: ApprovalSignal) =>
      this.decide(signal.nodeId, {
        decision,
        ...(signal.comment === undefined ? {} : { comment: signal.comment }),
        ...(signal.by === undefined ? {} : { by: signal.by }),
      });
    setHandler(defineSignal<[ApprovalSignal]>(APPROVE_SIGNAL), receive('approved'));
    setHandler(defineSignal<[ApprovalSignal]>(REJECT_SIGNAL), receive('rejected'));
  }

  private decide(nodeId: string, decision: ApprovalDecision): void {
    if (this.taken.has(nodeId) || this.early.has(nodeId)) {
      log.warn('ignored a second approval decision', { nodeId, decision: decision.decision });
      return;
    }
    const waiter = this.waiting.get(nodeId);
    if (!waiter) {
      this.early.set(nodeId, decision);
      return;
    }
    this.finish(nodeId, waiter, decision);
  }

  /**
   * Waits for the decision on `nodeId`, or `timeout` at `deadline` (workflow time, ms). Call it
   * inside the scope that cancelling the run cancels: the timer belongs to it.
   */
  wait(nodeId: string, deadline: number | undefined, settle: Waiting['settle']): void {
    const early = this.early.get(nodeId);
    if (early) {
      this.early.delete(nodeId);
      this.taken.add(nodeId);
      settle(early);
      return;
    }
    const waiter: Waiting = { settle };
    this.waiting.set(nodeId, waiter);
    if (deadline === undefined) return;
    waiter.timer = new CancellationScope();
    waiter.timer
      .run(() => sleep(Math.max(1, deadline - Date.now())))
      .then(
        () => this.finish(nodeId, waiter, { decision: 'timeout' }),
        () => undefined, // cancelled: decided in time, or the run stopped
      );
  }

  private finish(nodeId: string, waiter: Waiting, outcome: ApprovalOutcome): void {
    if (this.waiting.get(nodeId) !== waiter) return;
    this.waiting.delete(nodeId);
    this.taken.add(nodeId);
    waiter.timer?.cancel();
    waiter.settle(outcome);
  }
}
