import { describe, expect, it } from 'vitest';
import { isOrchestratorError } from '../errors.js';
import type { RunEvent } from '../events.js';
import { runnable } from '../runnable.js';
import { createGraph } from './graph.js';

const double = (x: unknown) => (x as number) * 2;

function collect() {
  const events: RunEvent[] = [];
  return { events, onEvent: (event: RunEvent) => events.push(event) };
}

describe('Graph', () => {
  it('runs a chain of nodes and returns the finish node output', async () => {
    const graph = createGraph()
      .addNode('a', (x) => (x as number) + 1)
      .addNode('b', double)
      .addEdge('a', 'b');
    await expect(graph.invoke(4)).resolves.toBe(10);
  });

  it('runs branches in parallel and keys several finish outputs by node id', async () => {
    const graph = createGraph()
      .addNode('start', (x) => x)
      .addNode('left', (x) => Promise.resolve(`L${String(x)}`))
      .addNode('right', (x) => Promise.resolve(`R${String(x)}`))
      .addEdge('start', 'left')
      .addEdge('start', 'right');
    await expect(graph.invoke(1)).resolves.toEqual({ left: 'L1', right: 'R1' });
  });

  it('honours explicit entry and finish points', async () => {
    const graph = createGraph()
      .addNode('a', (x) => `a${String(x)}`)
      .addNode('b', (x) => `b${String(x)}`)
      .addNode('c', (x) => `c${String(x)}`)
      .addEdge('a', 'b')
      .addEdge('b', 'c')
      .setEntryPoint('a')
      .setFinishPoint('b');
    await expect(graph.invoke(0)).resolves.toBe('ba0');
  });

  it('accepts any Runnable as a node and passes the abort signal to it', async () => {
    let sawSignal = false;
    const step = runnable((x: number, { signal }) => {
      sawSignal = signal instanceof AbortSignal;
      return x + 100;
    });
    await expect(createGraph().addNode('r', step).invoke(1)).resolves.toBe(101);
    expect(sawSignal).toBe(true);
  });

  it('routes a branch: the silent side and its descendants are skipped', async () => {
    const graph = createGraph()
      .addNode('check', (x) => ((x as number) > 10 ? { big: x } : { small: x }), {
        outputs: ['big', 'small'],
      })
      .addNode('onBig', (x) => `big ${String(x)}`)
      .addNode('onSmall', (x) => `small ${String(x)}`)
      .addNode('afterSmall', (x) => `${String(x)}!`)
      .addNode('merge', (x) => Object.values(x as object)[0], { join: 'any' })
      .addEdge('check', 'onBig', { sourcePort: 'big' })
      .addEdge('check', 'onSmall', { sourcePort: 'small' })
      .addEdge('onSmall', 'afterSmall')
      .addEdge('onBig', 'merge')
      .addEdge('afterSmall', 'merge');
    const big = collect();
    await expect(graph.invoke(50, big)).resolves.toBe('big 50');
    expect(big.events.filter((e) => e.type === 'node.skipped').map((e) => e.nodeId)).toEqual([
      'onSmall',
      'afterSmall',
    ]);
    await expect(graph.invoke(5)).resolves.toBe('small 5!');
  });

  it('emits the run events in order with contiguous sequence numbers', async () => {
    const { events, onEvent } = collect();
    const graph = createGraph({ name: 'demo' })
      .addNode('a', (x) => x)
      .addNode('b', double)
      .addEdge('a', 'b');
    await graph.invoke(2, { onEvent, runId: 'run-1' });
    expect(events.map((e) => `${e.type}${e.nodeId ? `:${e.nodeId}` : ''}`)).toEqual([
      'run.started',
      'node.queued:a',
      'node.started:a',
      'node.succeeded:a',
      'node.queued:b',
      'node.started:b',
      'node.succeeded:b',
      'run.succeeded',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(events.every((e) => e.runId === 'run-1' && e.ts > 0)).toBe(true);
    const succeeded = events.filter((e) => e.type === 'node.succeeded');
    expect(succeeded.map((e) => [e.attempt, e.data])).toEqual([
      [1, 2],
      [1, 4],
    ]);
    expect(succeeded.every((e) => typeof e.durationMs === 'number' && e.durationMs >= 0)).toBe(
      true,
    );
    expect(events.at(-1)?.data).toBe(4);
  });

  it('bounds event previews of large values', async () => {
    const { events, onEvent } = collect();
    await createGraph({ previewChars: 10 })
      .addNode('big', () => ({ text: 'x'.repeat(100) }))
      .invoke(null, { onEvent });
    const data = events.find((e) => e.type === 'node.succeeded')?.data as {
      truncated: boolean;
      preview: string;
    };
    expect(data.truncated).toBe(true);
    expect(data.preview).toHaveLength(11);
  });

  it('announces a node waiting for a person, and only for its current attempt', async () => {
    let calls = 0;
    const graph = createGraph().addNode(
      'approve',
      (x, ctx) => {
        calls += 1;
        ctx.waiting({ prompt: `ship ${String(x)}?`, attempt: ctx.attempt });
        if (calls === 1) throw new Error('flaky');
        return 'approved';
      },
      { retries: { maxAttempts: 2, initialDelayMs: 1 } },
    );
    const waits: unknown[] = [];
    const output = await graph.invoke('v1', {
      onEvent: (event) => {
        if (event.type === 'node.waiting') waits.push([event.nodeId, event.attempt, event.data]);
      },
    });
    expect(output).toBe('approved');
    expect(waits).toEqual([
      ['approve', 1, { prompt: 'ship v1?', attempt: 1 }],
      ['approve', 2, { prompt: 'ship v1?', attempt: 2 }],
    ]);
  });

  it('streams the events of a run as an async iterable', async () => {
    const graph = createGraph().addNode('a', (x, ctx) => {
      ctx.progress('tok1');
      ctx.progress('tok2');
      return x;
    });
    const types: string[] = [];
    for await (const event of graph.stream('hi'))
      types.push(event.type === 'node.progress' ? String(event.data) : event.type);
    expect(types).toEqual([
      'run.started',
      'node.queued',
      'node.started',
      'tok1',
      'tok2',
      'node.succeeded',
      'run.succeeded',
    ]);
  });

  it('stream ends with run.failed when a node fails, and throws for an invalid graph', async () => {
    const failing = createGraph().addNode('a', () => {
      throw new Error('nope');
    });
    const events: RunEvent[] = [];
    for await (const event of failing.stream(null)) events.push(event);
    expect(events.at(-1)).toMatchObject({
      type: 'run.failed',
      error: { message: 'Node "a" failed: nope' },
    });
    const invalid = createGraph().addNode('a', double).addEdge('a', 'missing');
    await expect(async () => {
      for await (const _ of invalid.stream(null)) void _;
    }).rejects.toThrow(/unknown node "missing"/);
  });

  it('runs a batch of inputs', async () => {
    const graph = createGraph().addNode('a', double);
    await expect(graph.batch([1, 2, 3], { maxConcurrency: 2 })).resolves.toEqual([2, 4, 6]);
  });

  it('refuses invalid options and nodes with INVALID_CONFIG naming the field', () => {
    expect(() => createGraph({ maxWorkers: 0 })).toThrow(/maxWorkers/);
    try {
      createGraph({ maxWorkers: -1, queueSize: 1.5 });
      expect.unreachable();
    } catch (error) {
      expect(isOrchestratorError(error) && error.code).toBe('INVALID_CONFIG');
      expect((error as { field?: string }).field).toBe('maxWorkers');
      expect((error as Error).message).toMatch(/maxWorkers.*queueSize/);
    }
    const graph = createGraph().addNode('a', double);
    expect(() => graph.addNode('a', double)).toThrow(/Node "a" already exists/);
    expect(() => graph.addNode('t', double, { timeoutMs: -5 })).toThrow(/timeoutMs/);
    expect(() => graph.addNode('x', 42 as never)).toThrow(/needs a function or a Runnable/);
  });

  it('refuses to run a graph with a cycle, naming its path', async () => {
    const graph = createGraph()
      .addNode('in', double)
      .addNode('a', double)
      .addNode('b', double)
      .addEdge('in', 'a')
      .addEdge('a', 'b')
      .addEdge('b', 'a');
    await expect(graph.invoke(1)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(graph.invoke(1)).rejects.toThrow(/cycle: (a → b → a|b → a → b)/);
    expect(graph.validate()[0]?.code).toBe('CYCLE');
  });

  it('refuses an empty graph and an unreachable finish point', async () => {
    await expect(createGraph().invoke(1)).rejects.toThrow(/no nodes/);
    const graph = createGraph()
      .addNode('a', double)
      .addNode('b', double)
      .addNode('island', double)
      .addNode('c', double)
      .addEdge('a', 'b')
      .addEdge('island', 'c')
      .setEntryPoint('a')
      .setFinishPoint('c');
    await expect(graph.invoke(1)).rejects.toThrow(/cannot be reached/);
  });

  it('recompiles after a change', async () => {
    const graph = createGraph().addNode('a', double);
    await expect(graph.invoke(1)).resolves.toBe(2);
    graph.addNode('b', double).addEdge('a', 'b');
    await expect(graph.invoke(1)).resolves.toBe(4);
  });
});
