import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createChain } from './chain.js';
import type { RunEvent } from './events.js';
import type { StepContext } from './runnable.js';

/** A step that never settles unless its signal aborts; records the signal it was given. */
function hangingStep(signals: AbortSignal[] = []) {
  return (_input: unknown, ctx: StepContext) =>
    new Promise((_resolve, reject) => {
      signals.push(ctx.signal);
      ctx.signal.addEventListener('abort', () => reject(new Error('aborted')));
    });
}

/** A step that ignores its signal and never settles. */
const deafStep = () => new Promise(() => undefined);

const timeouts = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('createChain: timeouts', () => {
  it('rejects with TIMEOUT after timeoutMs, firing the step signal', async () => {
    const signals: AbortSignal[] = [];
    const chain = createChain([hangingStep(signals)], { name: 'slow', timeoutMs: 30 });
    const error = await chain.invoke(1).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TIMEOUT', op: 'chain.step[0]:step-0' });
    expect((error as Error).message).toContain('timed out after 30 ms');
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[0]?.reason).toMatchObject({ code: 'TIMEOUT' });
  });

  it('times out a step that ignores its signal', async () => {
    const chain = createChain([deafStep], { timeoutMs: 20 });
    await expect(chain.invoke(1)).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('takes the per-call timeoutMs, the earlier of the two deadlines', async () => {
    const chain = createChain([deafStep], { timeoutMs: 60_000 });
    await expect(chain.invoke(1, { timeoutMs: 20 })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('does not retry once the deadline passed', async () => {
    const step = vi.fn(hangingStep());
    const chain = createChain([step], {
      timeoutMs: 20,
      retries: { maxAttempts: 5, initialDelayMs: 1 },
    });
    await expect(chain.invoke(1)).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(step).toHaveBeenCalledTimes(1);
  });

  it('counts memory time against the deadline', async () => {
    const memory = {
      memoryVariables: () => [],
      loadMemoryVariables: () => new Promise<Record<string, unknown>>(() => undefined),
      saveContext: () => undefined,
      clear: () => undefined,
    };
    const chain = createChain([], { memory, timeoutMs: 20 });
    await expect(chain.invoke({ input: 'x' })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});

describe('createChain: cancellation', () => {
  it('rejects with CANCELLED when the caller aborts, firing the step signal', async () => {
    const signals: AbortSignal[] = [];
    const controller = new AbortController();
    const chain = createChain([hangingStep(signals)]);
    const result = chain.invoke(1, { signal: controller.signal });
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    controller.abort(new Error('user left'));
    await expect(result).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(signals[0]?.reason).toMatchObject({ code: 'CANCELLED', cause: new Error('user left') });
  });

  it('runs no step when the signal is already aborted', async () => {
    const step = vi.fn();
    const controller = new AbortController();
    controller.abort();
    await expect(
      createChain([step]).invoke(1, { signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(step).not.toHaveBeenCalled();
  });

  it('cancels a step that ignores its signal', async () => {
    const controller = new AbortController();
    const result = createChain([deafStep]).invoke(1, { signal: controller.signal });
    controller.abort();
    await expect(result).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('cancels while waiting to retry, without another attempt', async () => {
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const step = vi.fn().mockRejectedValue(new Error('flaky'));
    const chain = createChain([step], {
      retries: { maxAttempts: 3, initialDelayMs: 60_000, jitter: 0 },
    });
    const result = chain.invoke(1, {
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'node.retrying') controller.abort();
      },
    });
    await expect(result).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(step).toHaveBeenCalledTimes(1);
    expect(events.map((event) => event.type).slice(-3)).toEqual([
      'node.retrying',
      'node.cancelled',
      'run.cancelled',
    ]);
  });
});

describe('createChain: no leaks', () => {
  const outcomes = {
    success: { steps: [(n: number) => n], timeoutMs: 60_000 },
    failure: { steps: [() => Promise.reject(new Error('x'))], timeoutMs: 60_000 },
    timeout: { steps: [deafStep], timeoutMs: 10 },
  };

  it.each(Object.entries(outcomes))(
    'removes its abort listener and clears its timer after a %s',
    async (_name, { steps, timeoutMs }) => {
      const controller = new AbortController();
      const before = timeouts();
      const chain = createChain(steps, { timeoutMs });
      await chain.invoke(1, { signal: controller.signal }).catch(() => undefined);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      // Other timers of the test runner come and go; a leaked deadline timer would stay.
      await vi.waitFor(() => expect(timeouts()).toBeLessThanOrEqual(before));
    },
  );

  it('adds one listener to the caller signal for a whole batch, and none after it', async () => {
    const controller = new AbortController();
    const signals: AbortSignal[] = [];
    const chain = createChain([hangingStep(signals)]);
    const batch = chain.batch(
      Array.from({ length: 50 }, (_, i) => i),
      { signal: controller.signal },
    );
    await vi.waitFor(() => expect(signals).toHaveLength(50));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    await expect(batch).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
