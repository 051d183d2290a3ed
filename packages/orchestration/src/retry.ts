import { OrchestratorError } from './errors.js';

/** How a failed step or node is retried. Delays grow exponentially, with full jitter. */
export interface RetryPolicy {
  /** Total attempts including the first; 1 means no retry. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
  /** 0 = exact delays; 1 = delay drawn uniformly from [0, delay] ("full jitter"). */
  jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 1,
  initialDelayMs: 100,
  maxDelayMs: 10_000,
  multiplier: 2,
  jitter: 1,
};

/** A number means "this many retries after the first attempt" with the default backoff. */
export type RetryOption = number | Partial<RetryPolicy>;

export function toRetryPolicy(option: RetryOption | undefined): RetryPolicy {
  if (option === undefined) return DEFAULT_RETRY_POLICY;
  if (typeof option === 'number') return { ...DEFAULT_RETRY_POLICY, maxAttempts: option + 1 };
  return { ...DEFAULT_RETRY_POLICY, ...option };
}

/**
 * Delay before attempt `attempt + 1`, after `attempt` failures (attempt >= 1).
 * `random` is injectable so tests and deterministic callers can fix it.
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponential = policy.initialDelayMs * policy.multiplier ** (attempt - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  const jittered = capped * (1 - policy.jitter * random());
  return Math.max(0, Math.round(jittered));
}

/** Resolves after `ms`, or rejects with CANCELLED as soon as `signal` aborts; leaves no timer behind. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cancelled = () =>
      new OrchestratorError({
        code: 'CANCELLED',
        op: 'sleep',
        message: 'cancelled while waiting',
        cause: signal?.reason,
      });
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
