import { compilePlan, Scheduler, type PlanSpec } from '@beluga/orchestration/scheduler';
import { describe, expect, it } from 'vitest';
import { shrinkCompletion, type Completion } from './carriedState.js';

// in → check (branch: yes/no) → big (on yes) / small (on no) → join (any) → out; in → side → out2
const spec: PlanSpec = {
  nodes: [
    { id: 'in' },
    { id: 'check', outputs: ['yes', 'no'] },
    { id: 'big' },
    { id: 'small' },
    { id: 'join', join: 'any' },
    { id: 'out' },
    { id: 'side' },
    { id: 'out2' },
  ],
  edges: [
    { source: 'in', target: 'check' },
    { source: 'check', sourcePort: 'yes', target: 'big' },
    { source: 'check', sourcePort: 'no', target: 'small' },
    { source: 'big', target: 'join' },
    { source: 'small', target: 'join' },
    { source: 'join', target: 'out' },
    { source: 'in', target: 'side' },
    { source: 'side', target: 'out2' },
  ],
  entryPoints: ['in'],
  finishPoints: ['out', 'out2'],
};

const values: Record<string, unknown> = {
  in: { payload: 'x'.repeat(1000) },
  check: { yes: { payload: 'y'.repeat(1000) } },
  big: 'z'.repeat(1000),
  join: { result: 1 },
  out: { done: true },
  side: 'side value',
  out2: 'second',
};

/** Runs the plan node by node in id order, recording completions; stops after `stopAfter`. */
function runUntil(stopAfter: number): { scheduler: Scheduler; completions: Completion[] } {
  const plan = compilePlan(spec);
  const scheduler = new Scheduler(plan);
  scheduler.start();
  const completions: Completion[] = [];
  const ready = [...scheduler.ready];
  scheduler.ready.length = 0;
  while (ready.length > 0 && completions.length < stopAfter) {
    const n = ready.shift() as number;
    const completion: Completion = [n, 0, values[plan.ids[n] as string]];
    scheduler.succeed(n, completion[2]);
    completions.push(completion);
    ready.push(...scheduler.ready);
    scheduler.ready.length = 0;
    scheduler.skipped.length = 0;
  }
  return { scheduler, completions };
}

function replay(completions: Completion[]): Scheduler {
  const scheduler = new Scheduler(compilePlan(spec));
  scheduler.start();
  for (const [n, kind, value] of completions) {
    if (kind === 0) scheduler.succeed(n, value);
    else scheduler.recover(n, value);
  }
  return scheduler;
}

describe('shrinkCompletion', () => {
  it('replays to the same node states, inputs and output with much less data', () => {
    for (let stopAfter = 1; stopAfter <= 7; stopAfter++) {
      const { scheduler, completions } = runUntil(stopAfter);
      const shrunk = completions.map((c) => shrinkCompletion(scheduler, c));
      const replayed = replay(shrunk);
      const { size } = scheduler.plan;
      for (let n = 0; n < size; n++) {
        expect(replayed.stateOf(n)).toBe(scheduler.stateOf(n));
        if (scheduler.stateOf(n) === 1) {
          expect(replayed.inputFor(n, 'run input')).toEqual(scheduler.inputFor(n, 'run input'));
        }
      }
      if (scheduler.done) expect(replayed.output()).toEqual(scheduler.output());
      expect(JSON.stringify(shrunk).length).toBeLessThanOrEqual(JSON.stringify(completions).length);
    }
  });

  it('drops the values nothing will read again, and keeps what finish nodes and ready nodes need', () => {
    const { scheduler, completions } = runUntil(7);
    expect(scheduler.done).toBe(true);
    const shrunk: Record<string, unknown> = {};
    for (const completion of completions) {
      const id = scheduler.plan.ids[completion[0]] as string;
      shrunk[id] = shrinkCompletion(scheduler, completion)[2];
    }
    expect(shrunk).toEqual({
      in: 0,
      check: { yes: 0 },
      big: 0,
      join: 0,
      side: 0,
      out: { done: true },
      out2: 'second',
    });
  });
});
