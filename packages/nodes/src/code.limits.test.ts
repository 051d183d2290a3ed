import { OrchestratorError } from '@beluga/orchestration';
import { afterAll, describe, expect, it } from 'vitest';
import { runCode } from '../test/codeRun.js';
import { testContext } from '../test/nodeContext.js';
import { createCodeNode, createCodeSandboxPool } from './code.js';

// One worker, so every failure below hits the worker the next test reuses (or its replacement).
const pool = createCodeSandboxPool({ maxWorkers: 1 });
const node = createCodeNode({ pool });
afterAll(() => pool.close());

/** Generous: proves "stopped", not a speed. */
const STOPPED_WITHIN_MS = 5000;

/** Counts host timer ticks while `work` runs: a blocked event loop would count none. */
async function countTicks<T>(work: () => Promise<T>): Promise<{ result: T; ticks: number }> {
  let ticks = 0;
  const interval = setInterval(() => (ticks += 1), 10);
  try {
    const result = await work();
    return { result, ticks };
  } finally {
    clearInterval(interval);
  }
}

describe('code node time limit', () => {
  it('stops an infinite loop at the limit while the host event loop keeps running', async () => {
    const { result: run, ticks } = await countTicks(() =>
      runCode(node, { source: 'while (true) {}', timeLimitMs: 300 }),
    );
    expect(run.error).toMatchObject({
      name: 'OrchestratorError',
      code: 'TIMEOUT',
      op: 'node:code',
      retryable: false,
      message: 'The code ran longer than its time limit of 300 ms and was stopped',
    });
    expect(run.elapsedMs).toBeGreaterThanOrEqual(290);
    expect(run.elapsedMs).toBeLessThan(STOPPED_WITHIN_MS);
    expect(ticks).toBeGreaterThanOrEqual(5);
  });

  it('cannot be caught by the code, nor escaped through promise jobs', async () => {
    const sources = [
      'try { while (true) {} } catch (error) { return "caught " + error }',
      'for (;;) await null',
      'const spin = () => Promise.resolve().then(spin); spin(); await new Promise(() => {})',
    ];
    for (const source of sources) {
      const run = await runCode(node, { source, timeLimitMs: 200 });
      expect(run.error, source).toMatchObject({ code: 'TIMEOUT' });
      expect(run.elapsedMs, source).toBeLessThan(STOPPED_WITHIN_MS);
    }
  });
});

describe('code node memory limit', () => {
  it('stops many retained allocations at the limit', async () => {
    const sources = [
      'const keep = []; for (let i = 0; ; i++) keep.push("x".repeat(1 << 20) + i)',
      'const keep = []; for (;;) keep.push(new Uint8Array(1 << 20))',
      'const keep = []; for (let i = 0; ; i++) keep.push({ i, tags: ["a", "b"] })',
    ];
    for (const source of sources) {
      const run = await runCode(node, { source, memoryLimitMb: 16, timeLimitMs: 20_000 });
      expect(run.error, source).toMatchObject({
        code: 'RESOURCE_EXHAUSTED',
        op: 'node:code',
        retryable: false,
        message: 'The code exceeded its memory limit of 16 MB (out of memory)',
      });
    }
  });

  it('stops one huge allocation', async () => {
    const run = await runCode(node, { source: 'return "x".repeat(1e9).length' });
    expect(run.error).toMatchObject({ code: 'RESOURCE_EXHAUSTED' });
  });

  it('allows what fits: 40 MB passes a 64 MB limit and fails a 32 MB one', async () => {
    const source =
      'const keep = []; for (let i = 0; i < 40; i++) keep.push(new Uint8Array(1 << 20)); return keep.length';
    expect((await runCode(node, { source, memoryLimitMb: 64 })).output).toBe(40);
    expect((await runCode(node, { source, memoryLimitMb: 32 })).error).toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
    });
  });
});

describe('code node stack limit', () => {
  it('fails unbounded recursion cleanly and allows reasonable depth', async () => {
    const run = await runCode(node, {
      source: 'function f(n) { return f(n + 1) + 1 }\nreturn f(0)',
    });
    expect(run.error).toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      retryable: false,
      message: expect.stringContaining('stack overflow') as string,
    });
    const depth = 'function f(n) { return n === 0 ? 0 : 1 + f(n - 1) }\nreturn f(2000)';
    expect((await runCode(node, { source: depth })).output).toBe(2000);
  });
});

describe('code node cancellation', () => {
  it('stops a long loop promptly when the signal aborts, with the signal reason', async () => {
    const context = testContext('code');
    const reason = new OrchestratorError({
      code: 'CANCELLED',
      op: 'run',
      message: 'run cancelled',
    });
    // Abort as soon as the code reports that it is spinning: logs stream while it runs.
    const spinning = {
      ...context,
      progress: () => context.controller.abort(reason),
    };
    const source = 'console.log("spinning"); while (true) {}';
    const run = await runCode(node, { source, timeLimitMs: 30_000 }, null, spinning);
    expect(run.error).toBe(reason);
    expect(run.elapsedMs).toBeLessThan(STOPPED_WITHIN_MS);
  });

  it('turns another abort reason into CANCELLED, and does not start when already aborted', async () => {
    const context = testContext('code');
    context.controller.abort('user pressed stop');
    const run = await runCode(node, { source: 'console.log("ran"); return 1' }, null, context);
    expect(run.error).toMatchObject({ code: 'CANCELLED', op: 'node:code', retryable: false });
    expect(context.progressed).toEqual([]);
  });

  it('fails a run whose pool is closed under it', async () => {
    const own = createCodeSandboxPool({ maxWorkers: 1 });
    const context = testContext('code');
    const closing = { ...context, progress: () => void own.close() };
    const source = 'console.log("spinning"); while (true) {}';
    const run = await runCode(createCodeNode({ pool: own }), { source }, null, closing);
    expect(run.error).toMatchObject({
      code: 'EXECUTION_FAILED',
      message: 'The code sandbox failed: the code sandbox was closed',
    });
  });
});

describe('code node pool', () => {
  it('still runs normal code after every failure above (failed workers are replaced)', async () => {
    const run = await runCode(node, { source: 'return input.map((n) => n * n)' }, [1, 2, 3]);
    expect(run.output).toEqual([1, 4, 9]);
  });

  it('queues runs beyond its workers, and a queued run can be cancelled while it waits', async () => {
    const one = createCodeSandboxPool({ maxWorkers: 1 });
    const code = createCodeNode({ pool: one });
    try {
      const runs = await Promise.all(
        [1, 2, 3].map((n) => runCode(code, { source: `return ${n} * 10` })),
      );
      expect(runs.map((run) => run.output)).toEqual([10, 20, 30]);
      const spin = runCode(code, { source: 'while (true) {}', timeLimitMs: 1000 });
      const waiting = testContext('code');
      const queued = runCode(code, { source: 'return 1' }, null, waiting);
      waiting.controller.abort('not needed any more');
      const first = await Promise.race([spin.then(() => 'spin'), queued.then(() => 'queued')]);
      expect(first).toBe('queued');
      expect((await queued).error).toMatchObject({ code: 'CANCELLED' });
      expect((await spin).error).toMatchObject({ code: 'TIMEOUT' });
    } finally {
      await one.close();
    }
  });

  it('runs other code while one execution spins, when it has a second worker', async () => {
    const two = createCodeSandboxPool({ maxWorkers: 2 });
    const code = createCodeNode({ pool: two });
    try {
      const spin = runCode(code, { source: 'while (true) {}', timeLimitMs: 2000 });
      const quick = await runCode(code, { source: 'return "quick"' });
      expect(quick.output).toBe('quick');
      expect((await spin).error).toMatchObject({ code: 'TIMEOUT' });
    } finally {
      await two.close();
    }
  });
});
