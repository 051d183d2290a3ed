import type { ApprovalDecision, ApprovalGate } from '@beluga/nodes';
import { OrchestratorError } from '@beluga/orchestration';
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';

export interface TerminalApprovalOptions {
  /** Decisions given on the command line (`--approve review`, `--reject review=too long`). */
  answers: ReadonlyMap<string, ApprovalDecision>;
  /** Ask a person at the terminal for the others; without it they fail with a clear error. */
  ask?: { input: Readable; output: Writable; pause: () => void; resume: () => void };
}

function parseAnswer(text: string): ApprovalDecision | undefined {
  const [word = '', ...rest] = text.trim().split(/\s+/);
  const comment = rest.join(' ');
  const decision = /^(y|yes|a|approve)$/i.test(word)
    ? 'approved'
    : /^(n|no|r|reject)$/i.test(word)
      ? 'rejected'
      : undefined;
  return decision && { decision, ...(comment ? { comment } : {}), by: 'terminal' };
}

/** Approvals for `beluga run`: answers from flags first, then a prompt when there is a terminal. */
export function terminalApprovals({ answers, ask }: TerminalApprovalOptions): ApprovalGate {
  let queue: Promise<unknown> = Promise.resolve();
  const prompt = async (
    nodeId: string,
    text: string,
    signal: AbortSignal,
  ): Promise<ApprovalDecision> => {
    if (!ask) throw new Error('unreachable');
    ask.pause();
    const rl = createInterface({ input: ask.input, output: ask.output });
    try {
      for (;;) {
        const answer = await rl.question(
          `Approval "${nodeId}": ${text} [y/n, then an optional comment] `,
          { signal },
        );
        const decision = parseAnswer(answer);
        if (decision) return decision;
      }
    } finally {
      rl.close();
      ask.resume();
    }
  };
  return {
    wait({ nodeId, prompt: text, signal }) {
      const given = answers.get(nodeId);
      if (given) return Promise.resolve(given);
      if (!ask) {
        return Promise.reject(
          new OrchestratorError({
            code: 'INVALID_STATE',
            op: 'node:approval',
            retryable: false,
            field: nodeId,
            message: `Approval "${nodeId}" needs an answer: run with --approve ${nodeId} or --reject ${nodeId}`,
          }),
        );
      }
      // One prompt at a time: parallel approvals take turns at the terminal.
      const next = queue.then(() => prompt(nodeId, text, signal));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
