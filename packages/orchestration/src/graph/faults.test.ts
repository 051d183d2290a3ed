import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { collect, failOnProcessWarnings, never } from '../../test/runs.js';
import { OrchestratorError } from '../errors.js';
import { createGraph } from './graph.js';
import { activeTimers as timers, expectTimersBackTo } from '../../test/leaks.js';

const fastRetry = (attempts: number) => ({ maxAttempts: attempts, initialDelayMs: 1, jitter: 0 });

failOnProcessWarnings();

describe('retries', () => {
  it('retries a retryable error with backoff, reporting each attempt', async () => {
    let calls = 0;
    const { events, onEvent } = collect();
    const graph = createGraph().addNode(
      'flaky',
      (_x, ctx) => {
        calls++;
        if (ctx.attempt < 3) throw new Error(`transient ${ctx.attempt}`);
        return 'ok';
      },
      { retries: fastRetry(3) },
    );
    await expect(graph.invoke(null, { onEvent })).resolves.toBe('ok');
    expect(calls).toBe(3);
    const retrying = events.filter((e) => e.type === 'node.retrying');
    expect(retrying.map((e) => [e.attempt, e.error?.message, e.delayMs])).toEqual([
      [1, 'transient 1', 1],
      [2, 'transient 2', 2],
    ]);
    expect(events.filter((e) => e.type === 'node.started').map((e) => e.attempt)).toEqual([
      1, 2, 3,
    ]);
  });

  it('does not retry a non-retryable error', async () => {
    let calls = 0;
    const graph = createGraph({ retries: fastRetry(5) }).addNode('strict', () => {
      calls++;
      throw new OrchestratorError({ code: 'VALIDATION_FAILED', op: 'check', message: 'bad input' });
    });
    await expect(graph.invoke(null)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      op: 'node:strict',
    });
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt with the node error as cause', async () => {
    const cause = new Error('always');
    const graph = createGraph().addNode('bad', () => Promise.reject(cause), { retries: 2 });
    const error = await graph.invoke(null).then(
      () => undefined,
      (e: unknown) => e as OrchestratorError,
    );
    expect(error).toMatchObject({ code: 'EXECUTION_FAILED', message: 'Node "bad" failed: always' });
    expect(error?.cause).toBe(cause);
  });
});

describe('timeouts', () => {
  it('times out a node that never settles, fires its signal and leaves no timer', async () => {
    const before = timers();
    let aborted: unknown;
    const graph = createGraph().addNode(
      'hang',
      (_x, ctx) => {
        ctx.signal.addEventListener('abort', () => (aborted = ctx.signal.reason as unknown));
        return never();
      },
      { timeoutMs: 20 },
    );
    await expect(graph.invoke(null)).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining('timed out after 20 ms') as unknown,
    });
    expect(aborted).toMatchObject({ code: 'TIMEOUT' });
    await expectTimersBackTo(before);
  });

  it('retries a timed-out attempt and ignores its late result', async () => {
    const { events, onEvent } = collect();
    let releaseFirst: (value: string) => void = () => undefined;
    const graph = createGraph().addNode(
      'slow-then-fast',
      (_x, ctx) =>
        ctx.attempt === 1 ? new Promise((resolve) => (releaseFirst = resolve)) : 'fast',
      { timeoutMs: 20, retries: fastRetry(2) },
    );
    await expect(graph.invoke(null, { onEvent })).resolves.toBe('fast');
    releaseFirst('late');
    await new Promise((resolve) => setImmediate(resolve));
    expect(events.filter((e) => e.type === 'node.succeeded')).toHaveLength(1);
    expect(events.at(-1)?.type).toBe('run.succeeded');
  });

  it('fails the whole run at its deadline', async () => {
    const { types, onEvent } = collect();
    const graph = createGraph({ timeoutMs: 20 }).addNode('hang', never);
    await expect(graph.invoke(null, { onEvent })).rejects.toMatchObject({
      code: 'TIMEOUT',
      op: 'graph.invoke',
    });
    expect(types().slice(-2)).toEqual(['node.cancelled:hang', 'run.failed']);
  });
});

describe('cancellation and fail-fast', () => {
  it('cancels through the caller signal: running nodes see it, every node ends, listeners are removed', async () => {
    const controller = new AbortController();
    const { types, onEvent } = collect();
    let seen: unknown;
    const graph = createGraph()
      .addNode('a', (_x, ctx) => {
        ctx.signal.addEventListener('abort', () => (seen = ctx.signal.reason as unknown));
        queueMicrotask(() => controller.abort('user clicked cancel'));
        return never();
      })
      .addNode('b', (x) => x)
      .addEdge('a', 'b');
    const before = timers();
    await expect(graph.invoke(null, { signal: controller.signal, onEvent })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(seen).toMatchObject({ code: 'CANCELLED' });
    expect(types().slice(-3)).toEqual(['node.cancelled:a', 'node.cancelled:b', 'run.cancelled']);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    await expectTimersBackTo(before);
  });

  it('rejects at once for an already aborted signal', async () => {
    const graph = createGraph().addNode('a', () => expect.unreachable());
    await expect(graph.invoke(null, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });

  it('removes its listener from the caller signal after a successful run', async () => {
    const controller = new AbortController();
    const graph = createGraph().addNode('a', (x) => x);
    for (let i = 0; i < 20; i++) await graph.invoke(i, { signal: controller.signal });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('fails fast: aborts running nodes, cancels pending ones, ignores late results', async () => {
    const { events, types, onEvent } = collect();
    let slowAborted = false;
    let releaseSlow: (value: string) => void = () => undefined;
    const graph = createGraph({ maxWorkers: 2 })
      .addNode('start', (x) => x)
      .addNode('slow', (_x, ctx) => {
        ctx.signal.addEventListener('abort', () => (slowAborted = true));
        return new Promise((resolve) => (releaseSlow = resolve));
      })
      .addNode('boom', () => Promise.reject(new Error('boom')))
      .addNode('queued', (x) => x)
      .addNode('after', (x) => x, { join: 'any' })
      .addEdge('start', 'slow')
      .addEdge('start', 'boom')
      .addEdge('start', 'queued')
      .addEdge('slow', 'after')
      .addEdge('queued', 'after');
    await expect(graph.invoke(1, { onEvent })).rejects.toThrow('Node "boom" failed: boom');
    expect(slowAborted).toBe(true);
    const count = events.length;
    releaseSlow('too late');
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toHaveLength(count);
    expect(types().slice(-5)).toEqual([
      'node.failed:boom',
      'node.cancelled:slow',
      'node.cancelled:queued',
      'node.cancelled:after',
      'run.failed',
    ]);
  });

  it('routes the error of a continue-on-error node to its error port', async () => {
    const graph = createGraph()
      .addNode('risky', () => Promise.reject(new Error('bad gateway')), { continueOnError: true })
      .addNode('use', (x) => `used ${String(x)}`)
      .addNode('fallback', (error) => `fallback after ${(error as { message: string }).message}`)
      .addEdge('risky', 'use')
      .addEdge('risky', 'fallback', { sourcePort: 'error' });
    await expect(graph.invoke(null)).resolves.toEqual({ fallback: 'fallback after bad gateway' });
  });
});

describe('bad nodes', () => {
  it.each([
    ['a string', 'just a string', /Non-error thrown: just a string/],
    ['undefined', undefined, /Non-error thrown: undefined/],
    ['a plain object', { message: 'plain', code: 42 }, /plain/],
    ['null', null, /Non-error thrown: null/],
  ])('survives a node throwing %s', async (_label, thrown, message) => {
    const graph = createGraph().addNode('weird', () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the point of the test
      throw thrown;
    });
    await expect(graph.invoke(null)).rejects.toThrow(message);
    await expect(
      createGraph()
        .addNode('ok', () => 1)
        .invoke(null),
    ).resolves.toBe(1);
  });

  it('keeps running when an event listener throws', async () => {
    const graph = createGraph().addNode('a', () => 7);
    await expect(
      graph.invoke(null, {
        onEvent: () => {
          throw new Error('listener bug');
        },
      }),
    ).resolves.toBe(7);
  });

  it('fails with RESOURCE_EXHAUSTED when more nodes wait than queueSize allows', async () => {
    const graph = createGraph({ maxWorkers: 1, queueSize: 3 }).addNode('root', (x) => x);
    for (let i = 0; i < 5; i++) graph.addNode(`n${i}`, (x) => x).addEdge('root', `n${i}`);
    await expect(graph.invoke(null)).rejects.toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      field: 'queueSize',
    });
  });

  it('does not warn about listeners when many nodes with timeouts use the run signal', async () => {
    const graph = createGraph({ maxWorkers: 50 });
    for (let i = 0; i < 50; i++) {
      graph.addNode(
        `n${i}`,
        async (_x, ctx) => {
          const onAbort = () => undefined;
          ctx.signal.addEventListener('abort', onAbort);
          await new Promise((resolve) => setImmediate(resolve));
          ctx.signal.removeEventListener('abort', onAbort);
          return i;
        },
        { timeoutMs: 5_000 },
      );
    }
    const before = timers();
    const output = (await graph.invoke(null)) as Record<string, number>;
    expect(Object.keys(output)).toHaveLength(50);
    await expectTimersBackTo(before);
  });
});
