import type { RetryPolicy } from '@beluga/orchestration';
import type { RetryPolicy as TemporalRetryPolicy } from '@temporalio/common';

/**
 * Attempts Temporal may add to a node's own after losing attempts (a worker that died mid-node):
 * a lost attempt counts as an attempt, and the node's policy still bounds its own errors.
 */
export const LOST_ATTEMPT_ALLOWANCE = 3;

/**
 * The node's retry policy as Temporal's. Temporal has no jitter: delays are exact. The activity
 * decides retryability of node errors itself (see runNode), so the attempt bound here only
 * stops an endless chain of lost attempts.
 */
export function toTemporalRetryPolicy(policy: RetryPolicy): TemporalRetryPolicy {
  const initial = Math.max(1, policy.initialDelayMs);
  return {
    maximumAttempts: policy.maxAttempts + LOST_ATTEMPT_ALLOWANCE,
    initialInterval: initial,
    backoffCoefficient: policy.multiplier,
    maximumInterval: Math.max(initial, policy.maxDelayMs),
  };
}

/** The delay Temporal waits before attempt `attempt + 1`. */
export function temporalRetryDelay(policy: RetryPolicy, attempt: number): number {
  const initial = Math.max(1, policy.initialDelayMs);
  const exponential = initial * policy.multiplier ** (attempt - 1);
  return Math.round(Math.min(Math.max(initial, policy.maxDelayMs), exponential));
}
