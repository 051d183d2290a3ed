import { isOrchestratorError, OrchestratorError } from '@beluga/orchestration';
import { redact } from './httpErrors.js';

export interface DeadlineOptions {
  timeoutMs: number;
  /** The node's signal: cancellation of the run, or the engine's own node timeout. */
  signal: AbortSignal;
  host: string;
  apiKey: string | undefined;
}

/**
 * Runs `work` with a signal that aborts on the caller's signal or after `timeoutMs`, and turns
 * what it throws into one OrchestratorError: CANCELLED, TIMEOUT, the work's own orchestrator
 * error, or a retryable EXECUTION_FAILED for a network failure.
 */
export async function withDeadline<T>(
  options: DeadlineOptions,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
  try {
    return await work(AbortSignal.any([options.signal, timeout.signal]));
  } catch (error) {
    throw classify(error, options, timeout.signal);
  } finally {
    clearTimeout(timer);
  }
}

function classify(
  error: unknown,
  options: DeadlineOptions,
  timeout: AbortSignal,
): OrchestratorError {
  const { host, signal } = options;
  if (signal.aborted) {
    // The engine aborts with its own CANCELLED or TIMEOUT error: that one is the truth.
    if (isOrchestratorError(signal.reason)) return signal.reason as OrchestratorError;
    return new OrchestratorError({
      code: 'CANCELLED',
      op: 'llm.chat',
      message: `The call to ${host} was cancelled`,
      cause: signal.reason,
    });
  }
  if (timeout.aborted) {
    return new OrchestratorError({
      code: 'TIMEOUT',
      op: 'llm.chat',
      message: `${host} did not complete the reply within ${options.timeoutMs} ms`,
    });
  }
  if (isOrchestratorError(error)) return error as OrchestratorError;
  const raw = describe(error);
  const message = redact(raw, options.apiKey);
  return new OrchestratorError({
    code: 'EXECUTION_FAILED',
    op: 'llm.chat',
    message: `Could not reach ${host}: ${message}`,
    // A cause that quoted the key stays behind.
    cause: message === raw ? error : undefined,
  });
}

/** `fetch failed (connect ECONNREFUSED …)`: undici hides the useful part in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
