import { OrchestratorError } from '@beluga/orchestration';
import { afterAll, describe, expect, it } from 'vitest';
import { closeExpressionWorkers, evaluateExpression } from './expression.js';

const op = 'node:transform';
const CATASTROPHIC_REGEX = '$match("aaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a+)+$/)';
const ENDLESS_RECURSION = '($f := function($n){ $f($n+1) }; $f(0))';

afterAll(() => closeExpressionWorkers());

/** Runs an evaluation while counting the ticks of a host timer, which a stalled loop would stop. */
async function evaluateWhileTicking(expression: string) {
  let ticks = 0;
  const timer = setInterval(() => (ticks += 1), 10);
  const started = Date.now();
  const error: unknown = await evaluateExpression(expression, {}, { op }).catch((e: unknown) => e);
  clearInterval(timer);
  return { error, ticks, ms: Date.now() - started };
}

describe('evaluateExpression', () => {
  it('returns plain JSON: objects, arrays, sequences, undefined as null', async () => {
    const input = { items: [{ n: 1 }, { n: 2 }, { n: 3 }], name: 'a' };
    await expect(
      evaluateExpression('{"sum": $sum(items.n), "name": name}', input, { op }),
    ).resolves.toEqual({ sum: 6, name: 'a' });
    const sequence = await evaluateExpression('items.(n * 2)', input, { op });
    expect(sequence).toEqual([2, 4, 6]);
    expect(Object.keys(sequence as object)).toEqual(['0', '1', '2']);
    await expect(evaluateExpression('items[n = 2].n', input, { op })).resolves.toBe(2);
    await expect(evaluateExpression('missing', input, { op })).resolves.toBeNull();
    await expect(evaluateExpression('$', undefined, { op })).resolves.toBeNull();
    await expect(evaluateExpression('function($x){ $x }', input, { op })).resolves.toBeNull();
  });

  it("reports the expression's own errors as EXECUTION_FAILED with JSONata's code", async () => {
    await expect(evaluateExpression('$sum("a")', {}, { op })).rejects.toMatchObject({
      code: 'EXECUTION_FAILED',
      op,
      retryable: false,
      details: { jsonataCode: 'T0412' },
    });
  });

  it('keeps the host loop free during a catastrophic regex and stops it at the time limit', async () => {
    const { error, ticks, ms } = await evaluateWhileTicking(CATASTROPHIC_REGEX);
    expect(error).toMatchObject({ code: 'RESOURCE_EXHAUSTED', retryable: false });
    expect((error as Error).message).toMatch(/time limit of 1000 ms/);
    expect(ms).toBeLessThan(5000);
    expect(ticks).toBeGreaterThan(5);
    await expect(evaluateExpression('1 + 1', {}, { op })).resolves.toBe(2);
  });

  it('stops endless recursion with JSONata timeout, also inside $eval, without holding the host', async () => {
    const { error, ticks } = await evaluateWhileTicking(ENDLESS_RECURSION);
    expect(error).toMatchObject({ code: 'RESOURCE_EXHAUSTED' });
    expect((error as Error).message).toMatch(/timeout/i);
    expect(ticks).toBeGreaterThan(5);
    const wrapped = `$eval(${JSON.stringify(ENDLESS_RECURSION)})`;
    await expect(evaluateExpression(wrapped, {}, { op })).rejects.toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      details: { jsonataCode: 'D3121' },
    });
  });

  it.each([
    ['one huge string', '$length($pad("", 400000000))'],
    ['many concatenations', '($a := $pad("", 50000000); [1..40].($a & $string($)))'],
    ['a join of one string many times', '($a := $pad("", 1000000); $join([1..500].$a))'],
  ])('fails a memory bomb (%s) cleanly and keeps working', async (_, expression) => {
    await expect(evaluateExpression(expression, {}, { op })).rejects.toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      retryable: false,
    });
    await expect(evaluateExpression('$ + 1', 41, { op })).resolves.toBe(42);
  });

  it('refuses a result nested deeper than the host can serialise', async () => {
    const nest = '$reduce([1..1500], function($acc, $v){ {"a": $acc} }, {})';
    await expect(evaluateExpression(nest, {}, { op })).rejects.toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      message: expect.stringMatching(/nests deeper than 1000/) as unknown,
    });
  });

  it('stops a running evaluation promptly when its signal aborts', async () => {
    const controller = new AbortController();
    const running = evaluateExpression(CATASTROPHIC_REGEX, {}, { op, signal: controller.signal });
    setImmediate(() => controller.abort());
    // CANCELLED, not the time limit's RESOURCE_EXHAUSTED: the abort ended it before the limit.
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED', op });
    await expect(evaluateExpression('"after"', {}, { op })).resolves.toBe('after');
  });

  it("rejects with the engine's own reason when it aborts with an orchestrator error", async () => {
    const reason = new OrchestratorError({ code: 'TIMEOUT', op: 'engine', message: 'too slow' });
    const controller = new AbortController();
    const running = evaluateExpression(ENDLESS_RECURSION, {}, { op, signal: controller.signal });
    setImmediate(() => controller.abort(reason));
    await expect(running).rejects.toBe(reason);
  });

  it('queues evaluations beyond its workers, and a queued one can be cancelled', async () => {
    const settled: string[] = [];
    const stalls = [1, 2, 3, 4].map(() =>
      evaluateExpression(CATASTROPHIC_REGEX, {}, { op }).catch((error: unknown) => {
        settled.push('stall');
        return error;
      }),
    );
    const controller = new AbortController();
    const queued = evaluateExpression('"queued"', {}, { op, signal: controller.signal });
    controller.abort();
    await expect(queued).rejects.toMatchObject({ code: 'CANCELLED' });
    const quick = [1, 2, 3].map((n) =>
      evaluateExpression('$ * 10', n, { op }).finally(() => settled.push('quick')),
    );
    await expect(Promise.all(quick)).resolves.toEqual([10, 20, 30]);
    for (const stall of await Promise.all(stalls)) {
      expect(stall).toMatchObject({ code: 'RESOURCE_EXHAUSTED' });
    }
    // Every worker was busy with a stall, so the quick ones waited for one to end.
    expect(settled[0]).toBe('stall');
  }, 30_000);

  it('refuses input over 10 MB of JSON and input that is not JSON, before any worker', async () => {
    const big = { text: 'x'.repeat(11 * 1024 * 1024) };
    await expect(evaluateExpression('$', big, { op })).rejects.toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      message: expect.stringMatching(/more than the limit of 10485760/) as unknown,
    });
    await expect(evaluateExpression('$', { n: 1n }, { op })).rejects.toMatchObject({
      code: 'EXECUTION_FAILED',
      message: expect.stringMatching(/not JSON/) as unknown,
    });
  });
});
