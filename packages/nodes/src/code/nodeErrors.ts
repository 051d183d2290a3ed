import { isOrchestratorError, OrchestratorError } from '@beluga/orchestration';
import type { SandboxFailure } from './protocol.js';

/** The operation named by every error of the code node. */
export const CODE_OP = 'node:code';

export interface LimitsForErrors {
  timeLimitMs: number;
  memoryLimitMb: number;
  maxOutputBytes: number;
}

/**
 * Every sandbox failure is the code's own doing (or its limits'), so none is retryable: running
 * the same code on the same input again fails the same way.
 */
export function toNodeError(failure: SandboxFailure, limits: LimitsForErrors): OrchestratorError {
  const details = { kind: failure.kind, ...(failure.line ? { line: failure.line } : {}) };
  const base = { op: CODE_OP, retryable: false, details };
  switch (failure.kind) {
    case 'timeout':
      return new OrchestratorError({
        ...base,
        code: 'TIMEOUT',
        message: `The code ran longer than its time limit of ${limits.timeLimitMs} ms and was stopped`,
      });
    case 'memory':
      return new OrchestratorError({
        ...base,
        code: 'RESOURCE_EXHAUSTED',
        message: `The code exceeded its memory limit of ${limits.memoryLimitMb} MB (${failure.message})`,
      });
    case 'stack':
      return new OrchestratorError({
        ...base,
        code: 'RESOURCE_EXHAUSTED',
        message: `The code overflowed the stack (recursion too deep): ${failure.message}`,
      });
    case 'too-large':
      return new OrchestratorError({
        ...base,
        code: 'RESOURCE_EXHAUSTED',
        message: `The code's output is too large: ${failure.message}`,
      });
    default:
      return new OrchestratorError({
        ...base,
        code: 'EXECUTION_FAILED',
        message: describe(failure),
      });
  }
}

function describe(failure: SandboxFailure): string {
  if (failure.kind === 'crash') return `The code sandbox failed: ${failure.message}`;
  const name = failure.name ? `${failure.name}: ` : '';
  const line = failure.line ? ` (line ${failure.line})` : '';
  return `The code failed: ${name}${failure.message}${line}`;
}

/** The run's own reason when the engine aborted it (TIMEOUT, CANCELLED), else CANCELLED. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (isOrchestratorError(reason) && reason instanceof Error) return reason;
  return new OrchestratorError({
    code: 'CANCELLED',
    op: CODE_OP,
    message: 'The code was cancelled',
    retryable: false,
    cause: reason,
  });
}

/** The input must cross into the sandbox as JSON; a value that is not JSON stops here. */
export function inputError(cause: unknown): OrchestratorError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new OrchestratorError({
    code: 'EXECUTION_FAILED',
    op: CODE_OP,
    message: `The input of the code node is not JSON: ${reason}`,
    retryable: false,
    cause,
  });
}

export function inputTooLarge(bytes: number, maxBytes: number): OrchestratorError {
  return new OrchestratorError({
    code: 'RESOURCE_EXHAUSTED',
    op: CODE_OP,
    message: `The input of the code node is ${bytes} bytes of JSON, more than the limit of ${maxBytes}`,
    retryable: false,
  });
}
