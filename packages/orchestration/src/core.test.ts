import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  errorCode,
  isOrchestratorError,
  isRetryable,
  OrchestratorError,
  toError,
} from './errors.js';
import fc from 'fast-check';
import { boundedJson, EventChannel, previewOf } from './events.js';
import { backoffDelay, sleep, toRetryPolicy } from './retry.js';
import { activeTimers as timers, expectTimersBackTo } from '../test/leaks.js';
import { isRunnable, runnable, toRunnable, type Runnable } from './runnable.js';

describe('OrchestratorError', () => {
  it('carries code, op, cause, field and a default retryability per code', () => {
    const cause = new Error('socket hang up');
    const error = new OrchestratorError({
      code: 'TIMEOUT',
      op: 'node:fetch',
      message: 'slow',
      cause,
      field: 'url',
    });
    expect(error).toMatchObject({
      name: 'OrchestratorError',
      code: 'TIMEOUT',
      op: 'node:fetch',
      field: 'url',
    });
    expect(error.cause).toBe(cause);
    expect(error.isRetryable()).toBe(true);
    expect(
      new OrchestratorError({ code: 'VALIDATION_FAILED', op: 'x', message: 'm' }).isRetryable(),
    ).toBe(false);
    expect(
      new OrchestratorError({
        code: 'TIMEOUT',
        op: 'x',
        message: 'm',
        retryable: false,
      }).isRetryable(),
    ).toBe(false);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'OrchestratorError',
      code: 'TIMEOUT',
      op: 'node:fetch',
      message: 'slow',
      retryable: true,
      field: 'url',
    });
  });

  it('is recognised without instanceof, e.g. after crossing a V8 context or JSON', () => {
    const serialised = JSON.parse(
      JSON.stringify(new OrchestratorError({ code: 'NOT_FOUND', op: 'get', message: 'gone' })),
    ) as unknown;
    expect(serialised instanceof OrchestratorError).toBe(false);
    expect(isOrchestratorError(serialised)).toBe(true);
    expect(errorCode(serialised)).toBe('NOT_FOUND');
    expect(isRetryable(serialised)).toBe(false);
    expect(isOrchestratorError({ name: 'OrchestratorError', code: 'MADE_UP' })).toBe(false);
    expect(isOrchestratorError(new Error('plain'))).toBe(false);
    expect(errorCode(new Error('plain'))).toBe('EXECUTION_FAILED');
  });

  it('treats other errors as retryable unless they say otherwise', () => {
    expect(isRetryable(new Error('flaky'))).toBe(true);
    expect(isRetryable(Object.assign(new Error('no'), { retryable: false }))).toBe(false);
    expect(isRetryable(Object.assign(new Error('no'), { nonRetryable: true }))).toBe(false);
  });

  it('turns anything thrown into an Error', () => {
    expect(toError('text').message).toBe('Non-error thrown: text');
    expect(toError(undefined).message).toBe('Non-error thrown: undefined');
    expect(toError({ a: 1 }).message).toBe('Non-error thrown: {"a":1}');
    expect(toError({ message: 'shaped', name: 'Custom' })).toMatchObject({
      message: 'shaped',
      name: 'Custom',
    });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(toError(circular).message).toBe('Non-error thrown: [object Object]');
    const error = new TypeError('kept');
    expect(toError(error)).toBe(error);
  });
});

describe('retry', () => {
  it('grows delays exponentially up to the cap, with full jitter', () => {
    const policy = toRetryPolicy({
      initialDelayMs: 100,
      multiplier: 2,
      maxDelayMs: 1_000,
      jitter: 0,
    });
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(policy, attempt))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    const jittered = toRetryPolicy({ initialDelayMs: 100, jitter: 1 });
    expect(backoffDelay(jittered, 1, () => 0)).toBe(100);
    expect(backoffDelay(jittered, 1, () => 0.75)).toBe(25);
    expect(toRetryPolicy(3).maxAttempts).toBe(4);
    expect(toRetryPolicy(undefined).maxAttempts).toBe(1);
  });

  it('sleeps until aborted and leaves no timer or listener behind', async () => {
    const before = timers();
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(sleep(1, AbortSignal.abort())).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(sleep(1)).resolves.toBeUndefined();
    await expectTimersBackTo(before);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('Runnable', () => {
  it('wraps a function with invoke, batch and stream', async () => {
    const double = runnable((x: number) => x * 2);
    expect(isRunnable(double)).toBe(true);
    await expect(double.invoke(2)).resolves.toBe(4);
    await expect(double.batch([1, 2, 3])).resolves.toEqual([2, 4, 6]);
    const chunks: number[] = [];
    for await (const chunk of double.stream(5)) chunks.push(chunk);
    expect(chunks).toEqual([10]);
  });

  it('accepts any object with the three methods', async () => {
    const custom: Runnable<string, string> = {
      invoke: (input) => Promise.resolve(input.toUpperCase()),
      batch: (inputs) => Promise.resolve(inputs.map((i) => i.toUpperCase())),
      async *stream(input) {
        yield await Promise.resolve(input.toUpperCase());
      },
    };
    expect(isRunnable(custom)).toBe(true);
    expect(toRunnable(custom)).toBe(custom);
    expect(isRunnable({ invoke: () => 1 })).toBe(false);
    await expect(toRunnable((s: string) => `${s}!`).invoke('hi')).resolves.toBe('hi!');
  });

  it('limits batch concurrency and keeps input order', async () => {
    let running = 0;
    let peak = 0;
    const slow = runnable(async (x: number) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      return x;
    });
    await expect(slow.batch([5, 4, 3, 2, 1], { maxConcurrency: 2 })).resolves.toEqual([
      5, 4, 3, 2, 1,
    ]);
    expect(peak).toBe(2);
  });

  it('refuses to start with an aborted signal and hands the signal to the function', async () => {
    const seen: AbortSignal[] = [];
    const step = runnable((_x: null, { signal }) => seen.push(signal));
    await expect(step.invoke(null, { signal: AbortSignal.abort() })).rejects.toThrow();
    const controller = new AbortController();
    await step.invoke(null, { signal: controller.signal });
    expect(seen).toEqual([controller.signal]);
  });
});

describe('events', () => {
  it('previews values within a bound', () => {
    expect(previewOf(42)).toBe(42);
    expect(previewOf('abcdef', 3)).toBe('abc…');
    expect(previewOf({ a: 1 }, 100)).toEqual({ a: 1 });
    expect(previewOf({ a: 'x'.repeat(50) }, 10)).toEqual({
      truncated: true,
      preview: '{"a":"xxxx…',
    });
    expect(previewOf(() => 1)).toBe('[function]');
    expect(previewOf(10n)).toBe('[bigint]');
  });

  it('serialises like JSON.stringify and stops at the bound', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 200 }), (value, max) => {
        const full = JSON.stringify(value);
        expect(boundedJson(value, 1e9)).toEqual({ text: full, complete: true });
        const bounded = boundedJson(value, max);
        expect(bounded?.complete).toBe(full.length <= max);
        expect(bounded?.text).toBe(full.slice(0, max));
      }),
    );
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(previewOf(circular)).toBe('[unserialisable]');
    expect(previewOf({ when: new Date(0), skip: undefined })).toEqual({
      when: new Date(0),
      skip: undefined,
    });
  });

  it('bridges pushed events to for-await, in order, ending on close', async () => {
    const channel = new EventChannel<number>();
    channel.push(1);
    const read = (async () => {
      const seen: number[] = [];
      for await (const n of channel) seen.push(n);
      return seen;
    })();
    channel.push(2);
    await Promise.resolve();
    channel.push(3);
    channel.close();
    channel.push(4);
    await expect(read).resolves.toEqual([1, 2, 3]);
  });

  it('throws the close error to the reader after the buffered items', async () => {
    const channel = new EventChannel<string>();
    channel.push('a');
    channel.close(new Error('broken'));
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const s of channel) seen.push(s);
      })(),
    ).rejects.toThrow('broken');
    expect(seen).toEqual(['a']);
  });
});
