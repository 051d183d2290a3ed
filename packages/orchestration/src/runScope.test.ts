import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createRunScope, earliestDeadline, untilAborted } from './runScope.js';

const base = { op: 'test.run', subject: 'Test' };

describe('createRunScope', () => {
  it('aborts with CANCELLED carrying the caller reason', () => {
    const caller = new AbortController();
    const scope = createRunScope({ ...base, signal: caller.signal });
    caller.abort('stop');
    expect(scope.signal.reason).toMatchObject({ code: 'CANCELLED', op: 'test.run', cause: 'stop' });
    scope.dispose();
  });

  it('starts aborted when the caller signal already is', () => {
    const scope = createRunScope({ ...base, signal: AbortSignal.abort(), timeoutMs: 10 });
    expect(scope.signal.reason).toMatchObject({ code: 'CANCELLED' });
    scope.dispose();
  });

  it('aborts with TIMEOUT at the deadline', async () => {
    const scope = createRunScope({ ...base, timeoutMs: 10 });
    await new Promise((resolve) => scope.signal.addEventListener('abort', resolve));
    expect(scope.signal.reason).toMatchObject({
      code: 'TIMEOUT',
      message: 'Test timed out after 10 ms',
    });
  });

  it('detaches from the caller and stops the timer on dispose', async () => {
    const caller = new AbortController();
    const scope = createRunScope({ ...base, signal: caller.signal, timeoutMs: 10 });
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    scope.dispose();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    caller.abort();
    expect(scope.signal.aborted).toBe(false);
  });
});

describe('untilAborted', () => {
  it('settles with the work', async () => {
    const signal = new AbortController().signal;
    await expect(untilAborted(() => 1, signal)).resolves.toBe(1);
    await expect(untilAborted(() => Promise.reject(new Error('x')), signal)).rejects.toThrow('x');
    const sync = () => {
      throw new Error('sync');
    };
    await expect(untilAborted(sync, signal)).rejects.toThrow('sync');
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('rejects with the abort reason even when the work never settles', async () => {
    const controller = new AbortController();
    const pending = untilAborted(() => new Promise(() => undefined), controller.signal);
    controller.abort(new Error('gone'));
    await expect(pending).rejects.toThrow('gone');
  });

  it('does not start the work when already aborted', async () => {
    let started = false;
    const work = () => {
      started = true;
    };
    await expect(untilAborted(work, AbortSignal.abort(new Error('no')))).rejects.toThrow('no');
    expect(started).toBe(false);
  });
});

describe('earliestDeadline', () => {
  it('takes the smaller defined value', () => {
    expect(earliestDeadline(undefined, undefined)).toBeUndefined();
    expect(earliestDeadline(5, undefined)).toBe(5);
    expect(earliestDeadline(undefined, 7)).toBe(7);
    expect(earliestDeadline(9, 3)).toBe(3);
  });
});
