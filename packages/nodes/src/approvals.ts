import { OrchestratorError } from '@beluga/orchestration';

export interface ApprovalDecision {
  decision: 'approved' | 'rejected';
  comment?: string;
  /** Who decided (a user id or name), when known. */
  by?: string;
}

export interface ApprovalRequest {
  runId: string;
  nodeId: string;
  prompt: string;
  /** Fires when the run is cancelled or the wait timed out: the request is withdrawn. */
  signal: AbortSignal;
}

/** Where approval nodes wait for a person. The server, the CLI and Temporal provide their own. */
export interface ApprovalGate {
  /** Resolves with the decision; rejects when `signal` fires first. */
  wait(request: ApprovalRequest): Promise<ApprovalDecision>;
}

export interface PendingApproval {
  runId: string;
  nodeId: string;
  prompt: string;
  since: number;
}

/** An in-process gate: approvals wait in memory until `decide` is called. */
export interface ApprovalBroker extends ApprovalGate {
  pending(runId?: string): PendingApproval[];
  /** Settles a waiting approval; throws NOT_FOUND or INVALID_STATE (already decided). */
  decide(runId: string, nodeId: string, decision: ApprovalDecision): void;
  /** Called whenever an approval starts or stops waiting. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
}

interface Waiter extends PendingApproval {
  resolve: (decision: ApprovalDecision) => void;
}

const MAX_SETTLED_REMEMBERED = 10_000;

/**
 * Keeps waiting approvals in memory (local executor, CLI). Remembers recent decisions so that a
 * second decision on the same node gets a clear error instead of a silent no-op.
 *
 * @example
 * const approvals = createApprovalBroker();
 * const registry = createNodeRegistry({ approvals });
 * // later, from an API call:
 * approvals.decide(runId, 'review', { decision: 'approved', comment: 'ship it', by: 'ada' });
 */
export function createApprovalBroker(): ApprovalBroker {
  const waiting = new Map<string, Waiter>();
  const settled = new Map<string, ApprovalDecision>();
  const listeners = new Set<() => void>();
  const key = (runId: string, nodeId: string) => `${runId}\u0000${nodeId}`;
  const changed = () => {
    for (const listener of listeners) listener();
  };
  const remember = (id: string, decision: ApprovalDecision) => {
    settled.set(id, decision);
    if (settled.size > MAX_SETTLED_REMEMBERED)
      settled.delete(settled.keys().next().value as string);
  };

  return {
    wait({ runId, nodeId, prompt, signal }) {
      return new Promise<ApprovalDecision>((resolve, reject) => {
        const id = key(runId, nodeId);
        const abandon = () =>
          reject(signal.reason instanceof Error ? signal.reason : new Error('withdrawn'));
        const withdraw = () => {
          if (waiting.get(id)?.resolve !== finish) return;
          waiting.delete(id);
          changed();
          abandon();
        };
        const finish = (decision: ApprovalDecision) => {
          signal.removeEventListener('abort', withdraw);
          resolve(decision);
        };
        if (signal.aborted) return abandon();
        settled.delete(id);
        waiting.set(id, { runId, nodeId, prompt, since: Date.now(), resolve: finish });
        signal.addEventListener('abort', withdraw, { once: true });
        changed();
      });
    },
    pending(runId) {
      return [...waiting.values()]
        .filter((waiter) => runId === undefined || waiter.runId === runId)
        .map(({ runId: run, nodeId, prompt, since }) => ({ runId: run, nodeId, prompt, since }));
    },
    decide(runId, nodeId, decision) {
      const id = key(runId, nodeId);
      const waiter = waiting.get(id);
      if (!waiter) {
        const earlier = settled.get(id);
        throw new OrchestratorError({
          code: earlier ? 'INVALID_STATE' : 'NOT_FOUND',
          op: 'approval.decide',
          field: nodeId,
          message: earlier
            ? `Node "${nodeId}" of run "${runId}" was already ${earlier.decision}${earlier.by ? ` by ${earlier.by}` : ''}`
            : `Node "${nodeId}" of run "${runId}" is not waiting for an approval`,
        });
      }
      waiting.delete(id);
      remember(id, decision);
      changed();
      waiter.resolve(decision);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
