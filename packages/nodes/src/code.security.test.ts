import { afterAll, describe, expect, it } from 'vitest';
import { runCode } from '../test/codeRun.js';
import { createCodeNode, createCodeSandboxPool } from './code.js';

const pool = createCodeSandboxPool({ maxWorkers: 1 });
const node = createCodeNode({ pool });
afterAll(() => pool.close());

const nested = (depth: number) => `let v = 0; for (let i = 0; i < ${depth}; i++) v = [v]; return v`;

describe('code node output the host must handle', () => {
  // QuickJS stringifies 10 000 levels; V8's JSON.stringify and structuredClone overflow their
  // stack on it, so such an output would break whatever stores or prints the run's result.
  it('refuses output nested deeper than the host can serialise', async () => {
    // The largest time limit: this test is about depth, and building the value takes seconds on
    // a loaded machine.
    const run = await runCode(node, { source: nested(10_000), timeLimitMs: 30_000 });
    expect(run.error).toMatchObject({
      name: 'OrchestratorError',
      code: 'RESOURCE_EXHAUSTED',
      op: 'node:code',
      retryable: false,
      message: expect.stringMatching(/nests deeper than 1000 levels/) as unknown,
    });
  }, 60_000);

  it('passes output nested within the limit, and brackets inside strings do not count', async () => {
    const deep = await runCode(node, { source: nested(900) });
    expect(() => structuredClone(deep.output)).not.toThrow();
    const text = await runCode(node, { source: 'return { s: "[".repeat(5000) + "\\\\\\"{" }' });
    expect(text.error).toBeUndefined();
    expect(text.output).toEqual({ s: `${'['.repeat(5000)}\\"{` });
  });

  it('returns a __proto__ key as plain data, never as a prototype', async () => {
    const run = await runCode(node, {
      source: 'return JSON.parse(\'{"__proto__": {"admin": true}}\')',
    });
    const output = run.output as Record<string, unknown>;
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(Object.hasOwn(output, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});
