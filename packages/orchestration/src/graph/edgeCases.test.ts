import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { collect, failOnProcessWarnings, never } from '../../test/runs.js';
import { createGraph } from './graph.js';

failOnProcessWarnings();

describe('a run cancelled from inside', () => {
  it('stops at once when a node aborts the caller signal synchronously', async () => {
    const controller = new AbortController();
    const ran: string[] = [];
    const { types, onEvent } = collect();
    const graph = createGraph()
      .addNode('a', () => {
        ran.push('a');
        controller.abort();
        return 1;
      })
      .addNode('b', () => ran.push('b'));
    await expect(graph.invoke(null, { signal: controller.signal, onEvent })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(ran).toEqual(['a']);
    expect(types().at(-1)).toBe('run.cancelled');
    expect(types().filter((t) => t === 'run.cancelled')).toHaveLength(1);
  });

  it('emits nothing after the terminal event when a listener cancels', async () => {
    const controller = new AbortController();
    const { types, onEvent } = collect();
    let bRan = false;
    const graph = createGraph()
      .addNode('a', (x) => x)
      .addNode('b', () => (bRan = true))
      .addEdge('a', 'b');
    const run = graph.invoke(1, {
      signal: controller.signal,
      onEvent: (event) => {
        onEvent(event);
        if (event.type === 'node.succeeded' && event.nodeId === 'a') controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(bRan).toBe(false);
    expect(types().at(-1)).toBe('run.cancelled');
  });

  it('reaches a running node of a nested graph', async () => {
    let innerAborted = false;
    const inner = createGraph().addNode('hang', (_x, ctx) => {
      ctx.signal.addEventListener('abort', () => (innerAborted = true));
      return never();
    });
    const controller = new AbortController();
    const outer = createGraph().addNode('sub', inner);
    const run = outer.invoke(null, { signal: controller.signal });
    await Promise.resolve();
    controller.abort();
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(innerAborted).toBe(true);
  });
});

describe('options and odd values', () => {
  it('refuses bad per-call options before anything starts, naming the field', async () => {
    const { events, onEvent } = collect();
    const graph = createGraph().addNode('a', (x) => x);
    await expect(graph.invoke(1, { timeoutMs: -1, onEvent })).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      field: 'timeoutMs',
    });
    await expect(graph.invoke(1, { signal: {} as AbortSignal })).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      field: 'signal',
    });
    expect(events).toEqual([]);
    await expect(async () => {
      for await (const _ of graph.stream(1, { timeoutMs: Number.NaN })) void _;
    }).rejects.toThrow(/timeoutMs/);
  });

  it('refuses timeouts a timer cannot honour instead of firing them at once', () => {
    expect(() => createGraph({ timeoutMs: 2 ** 31 })).toThrow(/timeoutMs/);
    expect(() => createGraph().addNode('a', (x) => x, { timeoutMs: 2 ** 40 })).toThrow(/timeoutMs/);
    expect(() => createGraph({ retries: { maxDelayMs: 2 ** 31 } })).toThrow(/maxDelayMs/);
  });

  it('lets a call shorten the graph deadline but not extend it', async () => {
    const graph = createGraph({ timeoutMs: 20 }).addNode('hang', never);
    await expect(graph.invoke(null, { timeoutMs: 60_000 })).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'Run timed out after 20 ms',
    });
  });

  it('survives thrown values that JSON and String() cannot describe', async () => {
    const nullProto = Object.create(null) as object;
    for (const thrown of [{ message: 10n }, nullProto, { message: nullProto }]) {
      const graph = createGraph().addNode('odd', () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- the point of the test
        throw thrown;
      });
      await expect(graph.invoke(null)).rejects.toMatchObject({ code: 'EXECUTION_FAILED' });
    }
  });

  it('fails a node with declared outputs that returns no object keyed by port', async () => {
    const graph = createGraph()
      .addNode('gate', () => 'yes', { outputs: ['yes', 'no'] })
      .addNode('after', (x) => x)
      .addEdge('gate', 'after', { sourcePort: 'yes' });
    await expect(graph.invoke(null)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('"gate" declares output ports') as unknown,
    });
  });

  it('runs a node named twice as an entry point once', async () => {
    let runs = 0;
    const graph = createGraph()
      .addNode('a', () => ++runs)
      .setEntryPoint('a', 'a');
    await expect(graph.invoke(null)).resolves.toBe(1);
    expect(runs).toBe(1);
  });
});

describe('the pool', () => {
  it('runs independent nodes at the same time', async () => {
    let arrived = 0;
    let release: () => void = () => undefined;
    const barrier = new Promise<void>((resolve) => (release = resolve));
    const waitForBoth = async () => {
      if (++arrived === 2) release();
      await barrier; // a serial executor would never get past this
      return arrived;
    };
    const graph = createGraph({ maxWorkers: 2 })
      .addNode('a', waitForBoth)
      .addNode('b', waitForBoth);
    await expect(graph.invoke(null)).resolves.toEqual({ a: 2, b: 2 });
  });

  it('fills idle workers before counting the queue against queueSize', async () => {
    const graph = createGraph({ maxWorkers: 8, queueSize: 2 });
    for (const id of ['a', 'b', 'c']) graph.addNode(id, () => id);
    await expect(graph.invoke(null)).resolves.toEqual({ a: 'a', b: 'b', c: 'c' });
  });

  it('lets many running nodes listen to the run signal without a warning', async () => {
    const graph = createGraph({ maxWorkers: 50 });
    let peak = 0;
    for (let i = 0; i < 50; i++) {
      graph.addNode(`n${i}`, async (_x, ctx) => {
        const onAbort = () => undefined;
        ctx.signal.addEventListener('abort', onAbort);
        peak = Math.max(peak, getEventListeners(ctx.signal, 'abort').length);
        await new Promise((resolve) => setImmediate(resolve));
        ctx.signal.removeEventListener('abort', onAbort);
        return i;
      });
    }
    await graph.invoke(null);
    expect(peak).toBe(50);
  });

  it('batches many inputs on one signal with one listener on it', async () => {
    const controller = new AbortController();
    let listeners = 0;
    const graph = createGraph().addNode('a', (x) => {
      listeners = Math.max(listeners, getEventListeners(controller.signal, 'abort').length);
      return x;
    });
    const inputs = Array.from({ length: 30 }, (_, i) => i);
    await expect(graph.batch(inputs, { signal: controller.signal })).resolves.toEqual(inputs);
    expect(listeners).toBe(1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
