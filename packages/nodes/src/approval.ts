import { DurationMsSchema, OrchestratorError } from '@beluga/orchestration';
import { z } from 'zod';
import type { ApprovalDecision, ApprovalGate } from './approvals.js';
import { defineNodeType, type NodeType } from './types.js';

export const ApprovalConfigSchema = z
  .object({
    /** What the approver is asked; shown with the node's input. */
    prompt: z.string().min(1).max(10_000),
    /** Without a decision by then, the input leaves through the `timeout` port. */
    timeoutMs: DurationMsSchema.optional(),
  })
  .strict();

/** What every port of an approval node carries. */
export interface ApprovalOutcome {
  decision: 'approved' | 'rejected' | 'timeout';
  comment?: string;
  by?: string;
  input: unknown;
}

function waitForDecision(
  gate: ApprovalGate,
  request: { runId: string; nodeId: string; prompt: string; signal: AbortSignal },
  timeoutMs: number | undefined,
): Promise<ApprovalDecision | 'timeout'> {
  const withdraw = new AbortController();
  const onRunAbort = () => withdraw.abort(request.signal.reason);
  request.signal.addEventListener('abort', onRunAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    if (timeoutMs !== undefined) timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const decided = gate.wait({ ...request, signal: withdraw.signal });
  return Promise.race([decided, timedOut]).finally(() => {
    clearTimeout(timer);
    request.signal.removeEventListener('abort', onRunAbort);
    // Withdraws the request after a timeout; after a decision it changes nothing.
    withdraw.abort(new Error('approval timed out'));
    decided.catch(() => undefined);
  });
}

/**
 * Waits for a person to approve or reject (through the gate the application provides); the
 * input leaves through `approved`, `rejected` or, after `timeoutMs`, `timeout`.
 */
export function createApprovalNode(gate: ApprovalGate): NodeType {
  return defineNodeType({
    type: 'approval',
    inputs: [{ name: 'in', type: 'any' }],
    outputs: [
      { name: 'approved', type: 'object' },
      { name: 'rejected', type: 'object' },
      { name: 'timeout', type: 'object' },
    ],
    config: ApprovalConfigSchema,
    estimatedMs: 60_000,
    ui: {
      title: 'Approval',
      category: 'Human',
      icon: 'user-check',
      description: 'Waits for a person to approve or reject, with an optional timeout.',
      defaultConfig: { prompt: 'Approve this step?' },
    },
    run: async ({ input, config, context }) => {
      const { runId, nodeId, signal } = context;
      context.waiting({ prompt: config.prompt, input });
      let decision: ApprovalDecision | 'timeout';
      try {
        decision = await waitForDecision(
          gate,
          { runId, nodeId, prompt: config.prompt, signal },
          config.timeoutMs,
        );
      } catch (error) {
        // A gate may refuse by itself (a CLI without a terminal); only a stopped run is CANCELLED.
        if (!signal.aborted) throw error;
        throw new OrchestratorError({
          code: 'CANCELLED',
          op: 'node:approval',
          message: 'The run stopped while the approval was waiting',
          cause: error,
        });
      }
      const outcome: ApprovalOutcome =
        decision === 'timeout'
          ? { decision: 'timeout', input: input ?? null }
          : { ...decision, input: input ?? null };
      return { [outcome.decision]: outcome };
    },
  });
}
