import { describe, expect, it } from 'vitest';
import { OrchestratorError } from './errors.js';
import { EventChannel } from './events.js';
import { ExecutionTracker, withOverrides } from './executionTracker.js';

class Counter {
  #count = 0;
  readonly label = 'counter';
  add(n: number): this {
    this.#count += n;
    return this;
  }
  get value(): number {
    return this.#count;
  }
  read(): number {
    return this.#count;
  }
}

describe('withOverrides', () => {
  it('replaces the given members and keeps the others working on the original', () => {
    const original = new Counter();
    const proxy = withOverrides(original, { read: () => -1 });
    expect(proxy.add(2).add(3)).toBe(proxy); // `this` comes back as the proxy
    expect(original.value).toBe(5); // private state lives on the original
    expect(proxy.read()).toBe(-1);
    expect(proxy.label).toBe('counter');
    expect(proxy).toBeInstanceOf(Counter);
  });
});

describe('ExecutionTracker', () => {
  it('tracks active executions per kind and errors that are not cancellations', async () => {
    const tracker = new ExecutionTracker(10);
    const cancelled = new OrchestratorError({ code: 'CANCELLED', op: 'x', message: 'stop' });
    await tracker.track('graph', () => Promise.resolve(1));
    await tracker.track('chain', () => Promise.reject(new Error('x'))).catch(() => undefined);
    await tracker.track('chain', () => Promise.reject(cancelled)).catch(() => undefined);
    expect(tracker.snapshot()).toEqual({
      activeChains: 0,
      activeGraphs: 0,
      activeWorkflows: 0,
      totalExecutions: 3,
      errorCount: 1,
    });
  });

  it('refuses a start at the cap, across kinds', () => {
    const tracker = new ExecutionTracker(2);
    tracker.begin('chain');
    tracker.begin('workflow');
    expect(() => tracker.begin('graph')).toThrow(
      expect.objectContaining({ code: 'RESOURCE_EXHAUSTED' }),
    );
    tracker.end('chain');
    expect(() => tracker.begin('graph')).not.toThrow();
    expect(tracker.activeTotal()).toBe(2);
  });

  it('ends a stream when the consumer stops early', async () => {
    const tracker = new ExecutionTracker(10);
    const channel = new EventChannel<{ type: string }>();
    channel.push({ type: 'run.started' });
    channel.push({ type: 'node.started' });
    const events = () => channel;
    for await (const _event of tracker.trackStream('chain', events)) {
      expect(tracker.snapshot().activeChains).toBe(1);
      break;
    }
    expect(tracker.snapshot()).toMatchObject({ activeChains: 0, errorCount: 0 });
  });

  it('counts a stream that throws as an error', async () => {
    const tracker = new ExecutionTracker(10);
    const broken = (): AsyncIterable<never> => ({
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('invalid graph')) }),
    });
    const read = async () => {
      for await (const _event of tracker.trackStream('graph', broken)) break;
    };
    await expect(read()).rejects.toThrow('invalid graph');
    expect(tracker.snapshot()).toMatchObject({ activeGraphs: 0, errorCount: 1 });
  });
});
