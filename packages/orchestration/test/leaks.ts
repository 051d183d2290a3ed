import { expect, vi } from 'vitest';

/** Timers alive in this process right now (the test runner's own come and go). */
export function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

/**
 * Waits until the timer count is back to `before` or lower. The runner's own timers make an
 * exact count flaky; a timer leaked by the code under test keeps the count up and fails this.
 */
export async function expectTimersBackTo(before: number): Promise<void> {
  await vi.waitFor(() => expect(activeTimers()).toBeLessThanOrEqual(before), { timeout: 1_000 });
}
