import { describe, expect, it } from 'vitest';
import {
  LOST_ATTEMPT_ALLOWANCE,
  temporalRetryDelay,
  toTemporalRetryPolicy,
} from './retryPolicy.js';

const policy = { maxAttempts: 3, initialDelayMs: 250, maxDelayMs: 1000, multiplier: 2, jitter: 1 };

describe('the node retry policy on Temporal', () => {
  it('maps attempts, backoff and cap, leaving room for lost attempts', () => {
    expect(toTemporalRetryPolicy(policy)).toEqual({
      maximumAttempts: 3 + LOST_ATTEMPT_ALLOWANCE,
      initialInterval: 250,
      backoffCoefficient: 2,
      maximumInterval: 1000,
    });
  });

  it('gives the delays Temporal waits: exponential, capped, never zero', () => {
    expect([1, 2, 3, 4].map((attempt) => temporalRetryDelay(policy, attempt))).toEqual([
      250, 500, 1000, 1000,
    ]);
    const immediate = { ...policy, initialDelayMs: 0, maxDelayMs: 0 };
    expect(toTemporalRetryPolicy(immediate)).toMatchObject({
      initialInterval: 1,
      maximumInterval: 1,
    });
    expect(temporalRetryDelay(immediate, 3)).toBe(1);
  });
});
