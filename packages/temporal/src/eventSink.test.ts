import { describe, expect, it } from 'vitest';
import { createMemoryRunEventSink, serialisePerRun, type RunEventSink } from './eventSink.js';
import type { RunEventDraft } from './shared.js';

const draft = (key: string, type: RunEventDraft['type'] = 'node.started'): RunEventDraft => ({
  key,
  type,
  runId: 'r1',
  ts: 1,
  nodeId: key,
});

describe('createMemoryRunEventSink', () => {
  it('numbers each run from 1 without gaps and keeps the first event of a key', async () => {
    const sink = createMemoryRunEventSink();
    await sink.append('r1', [draft('a'), draft('b')]);
    await sink.append('r2', [draft('a')]);
    await sink.append('r1', [draft('b'), draft('c')]); // b again: a re-executed task
    expect(sink.events('r1').map((e) => [e.seq, e.nodeId])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
    expect(sink.events('r2').map((e) => e.seq)).toEqual([1]);
    expect(sink.events('r1')[0]).not.toHaveProperty('key');
  });

  it('tells subscribers what each append stored', async () => {
    const sink = createMemoryRunEventSink();
    const seen: string[] = [];
    const unsubscribe = sink.subscribe((runId, events) =>
      seen.push(`${runId}:${events.map((e) => e.seq).join(',')}`),
    );
    await sink.append('r1', [draft('a'), draft('b')]);
    await sink.append('r1', [draft('a')]);
    unsubscribe();
    await sink.append('r1', [draft('c')]);
    expect(seen).toEqual(['r1:1,2']);
  });
});

describe('serialisePerRun', () => {
  it('applies the calls of one run in call order, even when the store answers out of order', async () => {
    const applied: string[] = [];
    const releases: (() => void)[] = [];
    const slow: RunEventSink = {
      append: (runId, events) =>
        new Promise((resolve) => {
          releases.push(() => {
            applied.push(`${runId}:${events.map((e) => e.key).join(',')}`);
            resolve();
          });
        }),
    };
    const sink = serialisePerRun(slow);
    const first = sink.append('r1', [draft('a')]);
    const second = sink.append('r1', [draft('b')]);
    const other = sink.append('r2', [draft('x')]);
    await Promise.resolve();
    // r1's second call waits for its first; r2 does not wait for r1.
    expect(releases).toHaveLength(2);
    releases[1]?.();
    await other;
    releases[0]?.();
    await first;
    await Promise.resolve();
    releases[2]?.();
    await second;
    expect(applied).toEqual(['r2:x', 'r1:a', 'r1:b']);
  });

  it('goes on with the next call after a failed one, and reports the failure', async () => {
    let calls = 0;
    const flaky: RunEventSink = {
      append: () => (++calls === 1 ? Promise.reject(new Error('db down')) : Promise.resolve()),
    };
    const sink = serialisePerRun(flaky);
    await expect(sink.append('r1', [draft('a')])).rejects.toThrow('db down');
    await expect(sink.append('r1', [draft('b')])).resolves.toBeUndefined();
  });
});
