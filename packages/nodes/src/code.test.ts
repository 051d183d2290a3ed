import { afterAll, describe, expect, it } from 'vitest';
import { runCode } from '../test/codeRun.js';
import {
  closeCodeSandboxes,
  CodeNodeConfigSchema,
  createCodeNode,
  createCodeSandboxPool,
} from './code.js';

const pool = createCodeSandboxPool({ maxWorkers: 2 });
const node = createCodeNode({ pool });
afterAll(() => pool.close());

/** The output of `source` on `input`; the test fails, showing the error, if the node rejected. */
async function outputOf(source: string, input?: unknown): Promise<unknown> {
  const { output, error } = await runCode(node, { source }, input);
  expect(error).toBeUndefined();
  return output;
}

async function errorOf(source: string, input?: unknown): Promise<unknown> {
  const { error } = await runCode(node, { source }, input);
  expect(error).toBeDefined();
  return error;
}

describe('code node contract', () => {
  it('declares one any-typed port each way and the editor metadata', () => {
    expect(node.type).toBe('code');
    expect(node.inputs).toEqual([{ name: 'in', type: 'any' }]);
    expect(node.outputs).toEqual([{ name: 'out', type: 'any' }]);
    expect(node.ui).toMatchObject({ title: 'Code', category: 'Code', icon: 'code' });
  });

  it('fills limits with defaults and refuses out-of-range config', () => {
    expect(CodeNodeConfigSchema.parse({ source: 'return 1' })).toEqual({
      source: 'return 1',
      timeLimitMs: 1000,
      memoryLimitMb: 32,
    });
    for (const bad of [
      { source: '' },
      { source: 'x'.repeat(100_001) },
      { source: 'return 1', timeLimitMs: 30_001 },
      { source: 'return 1', timeLimitMs: 0 },
      { source: 'return 1', memoryLimitMb: 257 },
      { source: 'return 1', memoryLimitMb: 8 },
    ]) {
      expect(CodeNodeConfigSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('runs its default config on any input and logs what it received', async () => {
    for (const input of [{ value: 2 }, [1, 2, 3], 'text', null]) {
      const run = await runCode(node, node.ui.defaultConfig, input);
      const items = Array.isArray(input) ? input : [input];
      expect(run.output).toEqual({ count: items.length, items });
      expect(run.context.progressed).toEqual([
        { level: 'info', log: `received ${items.length} item(s)` },
      ]);
    }
  });
});

describe('code node results', () => {
  it('returns the JSON the code computes from its input', async () => {
    await expect(outputOf('return { doubled: input.value * 2 }', { value: 21 })).resolves.toEqual({
      doubled: 42,
    });
    const orders = [
      { sku: 'a', qty: 2, price: 1.5 },
      { sku: 'b', qty: 1, price: 4 },
    ];
    const source = 'return input.reduce((sum, o) => sum + o.qty * o.price, 0)';
    await expect(outputOf(source, orders)).resolves.toBe(7);
    await expect(outputOf('return typeof input', undefined)).resolves.toBe('undefined');
    await expect(outputOf('return new Date(0)')).resolves.toBe('1970-01-01T00:00:00.000Z');
  });

  it('awaits promises: the body is an async function', async () => {
    const source = 'const a = await Promise.resolve(20); return a + (await (async () => 1)()) * 2';
    await expect(outputOf(source)).resolves.toBe(22);
  });

  it('refuses a promise that can never settle, since the sandbox has no timers', async () => {
    await expect(errorOf('await new Promise(() => {}); return 1')).resolves.toMatchObject({
      code: 'EXECUTION_FAILED',
      message: expect.stringContaining('never settles') as string,
    });
  });

  it('refuses outputs that are not JSON, saying why', async () => {
    const cases: [string, string][] = [
      ['return () => 1', 'it contains a function'],
      ['return { ok: 1, run() {} }', 'it contains a function at key "run"'],
      ['return Symbol("s")', 'it contains a symbol'],
      ['return 10n', 'BigInt'],
      ['const a = {}; a.self = a; return a', 'circular'],
      ['const x = 1', 'returned undefined'],
    ];
    for (const [source, reason] of cases) {
      const error = await errorOf(source);
      expect(error, source).toMatchObject({ code: 'EXECUTION_FAILED', retryable: false });
      expect((error as Error).message, source).toContain(reason);
    }
  });

  it('caps the output and the input size', async () => {
    const small = createCodeNode({ pool, maxOutputBytes: 1000, maxInputBytes: 1000 });
    const big = await runCode(small, { source: 'return "x".repeat(2000)' });
    expect(big.error).toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      op: 'node:code',
      retryable: false,
      message: expect.stringContaining('2002 bytes of JSON, more than the limit of 1000') as string,
    });
    const large = await runCode(small, { source: 'return 1' }, 'y'.repeat(2000));
    expect(large.error).toMatchObject({ code: 'RESOURCE_EXHAUSTED' });
  });

  it('refuses an input that is not JSON before starting the sandbox', async () => {
    const run = await runCode(node, { source: 'return 1' }, { count: 1n });
    expect(run.error).toMatchObject({
      code: 'EXECUTION_FAILED',
      retryable: false,
      message: expect.stringContaining('input of the code node is not JSON') as string,
    });
  });

  it('forwards console output as progress, bounded per execution', async () => {
    const logged = await runCode(
      node,
      { source: 'console.log("a", 1, { b: [2] }); console.warn("careful"); return null' },
      null,
    );
    expect(logged.context.progressed).toEqual([
      { level: 'info', log: 'a 1 {"b":[2]}' },
      { level: 'warn', log: 'careful' },
    ]);
    const chatty = createCodeNode({ pool, maxLogEntries: 3 });
    const run = await runCode(chatty, {
      source: 'for (let i = 0; i < 50; i++) console.log(i); return 1',
    });
    expect(run.context.progressed).toEqual([
      { level: 'info', log: '0' },
      { level: 'info', log: '1' },
      { level: 'info', log: '2' },
      { level: 'info', log: '… further console output dropped (limit 3)' },
    ]);
  });
});

describe('code node errors', () => {
  it('reports a thrown error with its name, message and line', async () => {
    const error = await errorOf('const a = 1;\n\nthrow new TypeError("boom: " + a)');
    expect(error).toMatchObject({
      name: 'OrchestratorError',
      code: 'EXECUTION_FAILED',
      op: 'node:code',
      retryable: false,
      message: 'The code failed: TypeError: boom: 1 (line 3)',
      details: { kind: 'error', line: 3 },
    });
  });

  it('reports thrown non-errors and syntax errors', async () => {
    await expect(errorOf('throw "plain text"')).resolves.toMatchObject({
      code: 'EXECUTION_FAILED',
      message: 'The code failed: plain text',
    });
    const syntax = await errorOf('const ok = 1;\nreturn (ok +;');
    expect(syntax).toMatchObject({ code: 'EXECUTION_FAILED', details: { line: 2 } });
    expect((syntax as Error).message).toMatch(/^The code failed: SyntaxError: .+ \(line 2\)$/);
  });
});

describe('code node sandbox', () => {
  it('has no host globals: process, require, fetch, timers, Buffer are all missing', async () => {
    const names = [
      'process',
      'require',
      'module',
      'exports',
      'fetch',
      'XMLHttpRequest',
      'WebSocket',
      'setTimeout',
      'setInterval',
      'setImmediate',
      'Buffer',
      'WebAssembly',
      'std',
      'os',
      '__filename',
    ];
    const source = `return ${JSON.stringify(names)}.map((name) => [name, eval('typeof ' + name)])`;
    const observed = (await outputOf(source)) as [string, string][];
    expect(Object.fromEntries(observed)).toEqual(
      Object.fromEntries(names.map((name) => [name, 'undefined'])),
    );
  });

  it('cannot import modules: import() rejects for built-ins and files', async () => {
    const source = `
      const results = [];
      for (const specifier of ['fs', 'node:child_process', '/etc/passwd', 'https://example.com/x.js']) {
        try { await import(specifier); results.push('loaded ' + specifier); }
        catch (error) { results.push(String(error)); }
      }
      return results;`;
    await expect(outputOf(source)).resolves.toEqual([
      "ReferenceError: could not load module 'fs'",
      "ReferenceError: could not load module 'node:child_process'",
      "ReferenceError: could not load module '/etc/passwd'",
      "ReferenceError: could not load module 'https://example.com/x.js'",
    ]);
  });

  it('gives every execution fresh globals', async () => {
    const single = createCodeSandboxPool({ maxWorkers: 1 });
    const isolated = createCodeNode({ pool: single });
    try {
      const first = await runCode(isolated, {
        source: 'globalThis.leak = 42; Object.prototype.polluted = true; return 1',
      });
      expect(first.output).toBe(1);
      const second = await runCode(isolated, {
        source: 'return [typeof globalThis.leak, typeof ({}).polluted]',
      });
      expect(second.output).toEqual(['undefined', 'undefined']);
    } finally {
      await single.close();
    }
  });

  it('cannot fake its output by replacing JSON.stringify', async () => {
    const source = 'JSON.stringify = () => "{\\"forged\\":true}"; return { real: true }';
    await expect(outputOf(source)).resolves.toEqual({ real: true });
  });
});

describe('closeCodeSandboxes', () => {
  it('ends the shared pool, which starts again on the next run', async () => {
    const shared = createCodeNode();
    expect((await runCode(shared, { source: 'return 1' })).output).toBe(1);
    await closeCodeSandboxes();
    expect((await runCode(shared, { source: 'return 2' })).output).toBe(2);
    await closeCodeSandboxes();
  });
});
