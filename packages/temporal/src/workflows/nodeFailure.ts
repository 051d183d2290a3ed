import { ERROR_CODES, type RunEventError } from '@beluga/orchestration/run-state';
import type { NodeFailureDetails } from '../shared.js';

interface FailureLike {
  name?: string;
  message?: string;
  type?: string;
  nonRetryable?: boolean;
  details?: unknown[];
  cause?: FailureLike;
}

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/**
 * What an activity's failure says about the node: the details its ApplicationFailure carries,
 * or a TIMEOUT when Temporal gave up on lost attempts. Failures are told apart by name and
 * type, not `instanceof` (the style Temporal recommends across V8 contexts).
 */
export function failureOf(thrown: unknown, nodeId: string): NodeFailureDetails {
  const failure = (thrown ?? {}) as FailureLike;
  const cause = failure.name === 'ActivityFailure' && failure.cause ? failure.cause : failure;
  const details = cause.details?.[0] as NodeFailureDetails | undefined;
  if (cause.name === 'ApplicationFailure' && details?.error) return details;
  if (cause.name === 'TimeoutFailure') {
    const message = `Node "${nodeId}" did not finish: its attempts timed out or their workers were lost`;
    return { error: { code: 'TIMEOUT', message, retryable: false }, attempt: 0, durationMs: 0 };
  }
  const code = cause.type !== undefined && CODES.has(cause.type) ? cause.type : 'EXECUTION_FAILED';
  const message = cause.message ?? failure.message ?? 'unknown failure';
  const error: RunEventError = { code, message, retryable: false };
  return { error, attempt: 0, durationMs: 0 };
}
