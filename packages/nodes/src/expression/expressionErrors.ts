import { isOrchestratorError, OrchestratorError } from '@beluga/orchestration';
import { cancelledError, EXPRESSION_HEAP_MB } from './expressionPool.js';
import type { ExpressionFailure } from './protocol.js';

/** JSONata's own guardrails: stack depth, timeout, sequence length. */
const LIMIT_CODES = new Set(['D1011', 'D1012', 'D2015']);

export interface ExpressionErrorContext {
  op: string;
  timeLimitMs: number;
}

/**
 * A failed evaluation as the node's error. Limits (JSONata's guardrails, also when `$eval`
 * wrapped them in D3121, the watchdog, the heap, V8's RangeErrors, the caps) are
 * RESOURCE_EXHAUSTED; the rest is the expression's own EXECUTION_FAILED. None is retryable:
 * the same expression on the same input fails the same way.
 */
export function toExpressionError(
  failure: ExpressionFailure,
  { op, timeLimitMs }: ExpressionErrorContext,
): OrchestratorError {
  const details = { kind: failure.kind, jsonataCode: failure.code };
  const exhausted = (message: string) =>
    new OrchestratorError({ code: 'RESOURCE_EXHAUSTED', op, retryable: false, message, details });
  switch (failure.kind) {
    case 'timeout':
      return exhausted(
        `The expression ran longer than its time limit of ${timeLimitMs} ms and was stopped`,
      );
    case 'memory':
      return exhausted(
        `The expression went past its memory limit of ${EXPRESSION_HEAP_MB.maxOldSpaceSizeMb} MB and was stopped: ${failure.message}`,
      );
    case 'too-large':
      return exhausted(`The expression went past a size limit: ${failure.message}`);
    case 'crash':
      return new OrchestratorError({
        code: 'EXECUTION_FAILED',
        op,
        retryable: false,
        message: `The expression process failed: ${failure.message}`,
        details,
      });
    default:
      return jsonataError(failure, exhausted, op);
  }
}

function jsonataError(
  failure: ExpressionFailure,
  exhausted: (message: string) => OrchestratorError,
  op: string,
): OrchestratorError {
  const at = failure.position === undefined ? '' : ` (at character ${failure.position})`;
  const message = `The expression failed: ${failure.message}${at}`;
  const limited =
    LIMIT_CODES.has(failure.code ?? '') ||
    (failure.code === 'D3121' && LIMIT_CODES.has(failure.innerCode ?? '')) ||
    failure.name === 'RangeError';
  if (limited) return exhausted(message);
  return new OrchestratorError({
    code: 'EXECUTION_FAILED',
    op,
    retryable: false,
    message,
    details: { jsonataCode: failure.code },
  });
}

/** The run's own reason when the engine aborted it (TIMEOUT, CANCELLED), else CANCELLED. */
export function abortedError(signal: AbortSignal, op: string): Error {
  const reason: unknown = signal.reason;
  if (isOrchestratorError(reason) && reason instanceof Error) return reason;
  return cancelledError(op, reason);
}

/** The input crosses to the expression process as JSON; a value that is not JSON stops here. */
export function inputNotJson(op: string, cause: unknown): OrchestratorError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new OrchestratorError({
    code: 'EXECUTION_FAILED',
    op,
    retryable: false,
    message: `The input of the expression is not JSON: ${reason}`,
    cause,
  });
}

export function inputTooLarge(op: string, bytes: number, maxBytes: number): OrchestratorError {
  return new OrchestratorError({
    code: 'RESOURCE_EXHAUSTED',
    op,
    retryable: false,
    message: `The input of the expression is ${bytes} bytes of JSON, more than the limit of ${maxBytes}`,
  });
}
