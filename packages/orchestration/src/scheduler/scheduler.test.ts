import { describe, expect, it } from 'vitest';
import { compilePlan, type PlanSpec } from './plan.js';
import { NodeState, Scheduler } from './scheduler.js';

function drive(spec: PlanSpec, run: (id: string, input: unknown) => unknown, input: unknown) {
  const scheduler = new Scheduler(compilePlan(spec));
  const order: string[] = [];
  const skipped: string[] = [];
  scheduler.start();
  while (scheduler.ready.length > 0) {
    const n = scheduler.ready.shift() as number;
    const id = scheduler.plan.ids[n] as string;
    order.push(id);
    scheduler.succeed(n, run(id, scheduler.inputFor(n, input)));
    skipped.push(...scheduler.skipped.map((s) => scheduler.plan.ids[s] as string));
    scheduler.skipped.length = 0;
  }
  return { scheduler, order, skipped, output: scheduler.output() };
}

describe('Scheduler', () => {
  it('feeds the run input to entries and keys fan-in by source id', () => {
    const { output, order } = drive(
      {
        nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'sum' }],
        edges: [
          { source: 'a', target: 'b' },
          { source: 'a', target: 'c' },
          { source: 'b', target: 'sum' },
          { source: 'c', target: 'sum' },
        ],
      },
      (id, input) =>
        id === 'sum' ? input : id === 'a' ? (input as number) + 1 : `${id}:${String(input)}`,
      1,
    );
    expect(order).toEqual(['a', 'b', 'c', 'sum']);
    expect(output).toEqual({ b: 'b:2', c: 'c:2' });
  });

  it('gives nodes with declared inputs an object keyed by port', () => {
    const { output } = drive(
      {
        nodes: [{ id: 'x' }, { id: 'y' }, { id: 'div', inputs: ['numerator', 'denominator'] }],
        edges: [
          { source: 'x', target: 'div', targetPort: 'numerator' },
          { source: 'y', target: 'div', targetPort: 'denominator' },
        ],
      },
      (id, input) => {
        if (id === 'x') return 10;
        if (id === 'y') return 4;
        const { numerator, denominator } = input as { numerator: number; denominator: number };
        return numerator / denominator;
      },
      null,
    );
    expect(output).toBe(2.5);
  });

  it('skips the silent branch, propagates the skip and merges with join any', () => {
    const spec: PlanSpec = {
      nodes: [
        { id: 'branch', outputs: ['true', 'false'] },
        { id: 'yes' },
        { id: 'yes2' },
        { id: 'no' },
        { id: 'merge', join: 'any' },
      ],
      edges: [
        { source: 'branch', target: 'yes', sourcePort: 'true' },
        { source: 'yes', target: 'yes2' },
        { source: 'branch', target: 'no', sourcePort: 'false' },
        { source: 'yes2', target: 'merge' },
        { source: 'no', target: 'merge' },
      ],
    };
    const result = drive(
      spec,
      (id, input) => (id === 'branch' ? { false: input } : `${id}(${JSON.stringify(input)})`),
      7,
    );
    expect(result.order).toEqual(['branch', 'no', 'merge']);
    expect(result.skipped).toEqual(['yes', 'yes2']);
    expect(result.output).toBe('merge({"no":"no(7)"})');
    expect(result.scheduler.done).toBe(true);
  });

  it('skips a join-any node when nothing arrives, and a join-all node on the first silent input', () => {
    const spec: PlanSpec = {
      nodes: [
        { id: 'branch', outputs: ['a', 'b'] },
        { id: 'any', join: 'any' },
        { id: 'all' },
        { id: 'end', join: 'any' },
      ],
      edges: [
        { source: 'branch', target: 'any', sourcePort: 'a' },
        { source: 'branch', target: 'all', sourcePort: 'a' },
        { source: 'branch', target: 'all', sourcePort: 'b' },
        { source: 'any', target: 'end' },
        { source: 'all', target: 'end' },
      ],
    };
    const result = drive(spec, () => ({ b: 1 }), null);
    expect(result.skipped).toEqual(['any', 'all', 'end']);
    expect(result.order).toEqual(['branch']);
    expect(result.scheduler.done).toBe(true);
  });

  it('routes a recovered error to the error port only', () => {
    const scheduler = new Scheduler(
      compilePlan({
        nodes: [{ id: 'risky', continueOnError: true }, { id: 'ok' }, { id: 'handler' }],
        edges: [
          { source: 'risky', target: 'ok' },
          { source: 'risky', target: 'handler', sourcePort: 'error' },
        ],
      }),
    );
    scheduler.start();
    scheduler.ready.length = 0;
    scheduler.recover(0, { code: 'EXECUTION_FAILED', message: 'boom' });
    expect(scheduler.skipped).toEqual([1]);
    expect(scheduler.ready).toEqual([2]);
    expect(scheduler.inputFor(2, null)).toEqual({ code: 'EXECUTION_FAILED', message: 'boom' });
    expect(scheduler.stateOf(0)).toBe(NodeState.Recovered);
  });

  it('refuses a completion for a node that is not ready', () => {
    const scheduler = new Scheduler(
      compilePlan({ nodes: [{ id: 'a' }, { id: 'b' }], edges: [{ source: 'a', target: 'b' }] }),
    );
    scheduler.start();
    expect(() => scheduler.succeed(1, 1)).toThrow(/"b" completed while not ready/);
    scheduler.succeed(0, 1);
    expect(() => scheduler.succeed(0, 1)).toThrow(/"a" completed while not ready/);
  });

  it('treats a single-output node returning undefined as delivering null', () => {
    const { output } = drive(
      { nodes: [{ id: 'side' }, { id: 'next' }], edges: [{ source: 'side', target: 'next' }] },
      (id, input) => (id === 'side' ? undefined : { got: input }),
      0,
    );
    expect(output).toEqual({ got: null });
  });
});
