import { OrchestratorError } from '@beluga/orchestration';

export interface FetchFailureContext {
  op: string;
  /** What was requested, for the message: `GET https://api.example.com/v1/x` (no query). */
  target: string;
  /** The caller's signal (the node's run/attempt signal). */
  signal: AbortSignal;
  /** Set when the request's own timeout fired. */
  timedOutAfterMs: number | undefined;
  /** Request header values: redacted from any message, as they may be credentials. */
  secrets: readonly string[];
}

/**
 * Maps what fetch or a body read threw to an OrchestratorError: the caller's abort keeps its
 * reason (the engine's own CANCELLED/TIMEOUT) or becomes CANCELLED; the request's timeout is
 * TIMEOUT; refusals and size errors pass through, named with `op` (a shared client names its
 * own); anything else is a retryable EXECUTION_FAILED naming the system error (ECONNREFUSED,
 * UND_ERR_SOCKET, ...).
 */
export function toFetchFailure(error: unknown, context: FetchFailureContext): Error {
  const { op, target, signal, timedOutAfterMs } = context;
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof Error && reason.name === 'OrchestratorError') return reason;
    return new OrchestratorError({ code: 'CANCELLED', op, message: `${target} was cancelled` });
  }
  if (timedOutAfterMs !== undefined) {
    const message = `${target} timed out after ${timedOutAfterMs} ms`;
    return new OrchestratorError({ code: 'TIMEOUT', op, message, details: { timedOutAfterMs } });
  }
  if (error instanceof OrchestratorError) return error.op === op ? error : relabel(error, op);
  const { code, message } = rootCause(error);
  return new OrchestratorError({
    code: 'EXECUTION_FAILED',
    op,
    retryable: true,
    message: redact(`${target} failed: ${message}`, context.secrets),
    details: code === undefined ? {} : { errorCode: code },
  });
}

function relabel(error: OrchestratorError, op: string): OrchestratorError {
  const { code, message, retryable, field, details } = error;
  return new OrchestratorError({ code, op, message, retryable, field, details, cause: error });
}

/** The innermost error of a cause chain: undici's "fetch failed" wraps the system error. */
function rootCause(error: unknown): { code: string | undefined; message: string } {
  let current = error;
  for (let depth = 0; depth < 5; depth += 1) {
    const next = (current as { cause?: unknown } | null)?.cause;
    if (!(next instanceof Error)) break;
    current = next;
  }
  const { code, message } = (current ?? {}) as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message : String(current),
  };
}

/** Replaces every secret of 4 characters or more; shorter values cannot be told from prose. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result;
}
