import { isOrchestratorError } from '@beluga/orchestration';
import type { RunEvent } from '@beluga/orchestration';
import { expect, it } from 'vitest';
import type { Database, KeyedRunEvent } from '../../src/index.js';
import { makeEvents, runInput } from '../fixtures.js';

/** Run event log behaviour, the same on every backend. */
export function eventTests(database: () => Database): void {
  const newRun = async () => (await database().runs.create(runInput())).id;

  it('appends, lists in seq order after a seq, and knows the last seq', async () => {
    const db = database();
    const runId = await newRun();
    expect(await db.events.lastSeq(runId)).toBe(0);
    expect(await db.events.list(runId)).toEqual([]);
    const first = makeEvents(runId, 1, 3);
    const second = makeEvents(runId, 4, 2);
    await db.events.append(first);
    await db.events.append(second);
    await db.events.append([]);
    expect(await db.events.list(runId)).toEqual([...first, ...second]);
    expect(await db.events.list(runId, { afterSeq: 3 })).toEqual(second);
    expect(await db.events.list(runId, { afterSeq: 1, limit: 2 })).toEqual(first.slice(1));
    expect(await db.events.lastSeq(runId)).toBe(5);
  });

  it('keeps every field of every event type', async () => {
    const db = database();
    const runId = await newRun();
    const events: RunEvent[] = [
      {
        type: 'run.started',
        runId,
        seq: 1,
        ts: 1_700_000_000_000,
        traceId: 'a'.repeat(32),
        spanId: 'b'.repeat(16),
        data: { input: 1 },
      },
      {
        type: 'node.retrying',
        runId,
        seq: 2,
        ts: 1_700_000_000_001,
        nodeId: 'n1',
        attempt: 2,
        delayMs: 250,
        error: { code: 'TIMEOUT', message: 'slow', retryable: true },
      },
      {
        type: 'node.succeeded',
        runId,
        seq: 3,
        ts: 1_700_000_000_002.5,
        nodeId: 'n1',
        attempt: 2,
        durationMs: 12.75,
        data: 'a string that looks like JSON: 42',
      },
      { type: 'run.succeeded', runId, seq: 4, ts: 1_700_000_000_003, durationMs: 3, data: '42' },
    ];
    await db.events.append(events);
    expect(await db.events.list(runId)).toEqual(events);
  });

  it('refuses a duplicate seq loudly and writes nothing of that batch', async () => {
    const db = database();
    const runId = await newRun();
    await db.events.append(makeEvents(runId, 1, 3));
    const overlapping = makeEvents(runId, 3, 3);
    const error: unknown = await db.events.append(overlapping).catch((e: unknown) => e);
    expect(isOrchestratorError(error) && error.code).toBe('INVALID_STATE');
    expect(String((error as Error).message)).toMatch(/Duplicate run event sequence/);
    expect(await db.events.lastSeq(runId)).toBe(3);
    const inBatch = [...makeEvents(runId, 10, 2), ...makeEvents(runId, 10, 1)];
    await expect(db.events.append(inBatch)).rejects.toThrow(/Duplicate/);
    expect(await db.events.lastSeq(runId)).toBe(3);
  });

  it('refuses events of a run that does not exist', async () => {
    await expect(database().events.append(makeEvents('no-such-run', 1, 1))).rejects.toThrow();
  });

  it('appends 10,000 events in one call, atomically', async () => {
    const db = database();
    const runId = await newRun();
    const events = makeEvents(runId, 1, 10_000);
    await db.events.append(events);
    expect(await db.events.lastSeq(runId)).toBe(10_000);
    const page = await db.events.list(runId, { afterSeq: 9_000 });
    expect(page).toEqual(events.slice(9_000));
    expect(await db.events.list(runId, { limit: 20_000 })).toHaveLength(10_000);
  });

  const keyed = (runId: string, keys: string[]): KeyedRunEvent[] =>
    keys.map((key, i) => ({
      type: 'node.progress',
      runId,
      ts: 1_700_000_000_000 + i,
      nodeId: key.split(':')[0],
      data: { key, text: 'nul \u0000 inside' },
      key,
    }));

  it('numbers keyed events after the last seq and skips keys it already has', async () => {
    const db = database();
    const runId = await newRun();
    await db.events.append(makeEvents(runId, 1, 2));
    const first = await db.events.appendKeyed(runId, keyed(runId, ['a:1', 'b:1', 'a:1']));
    expect(first.stored.map((event) => [event.seq, (event.data as { key: string }).key])).toEqual([
      [3, 'a:1'],
      [4, 'b:1'],
    ]);
    // A worker that repeats itself after a crash: the known keys are skipped, the new one follows.
    const again = await db.events.appendKeyed(runId, keyed(runId, ['b:1', 'c:1']));
    expect(again.stored.map((event) => event.seq)).toEqual([5]);
    const all = await db.events.list(runId);
    expect(all.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
    // Stored as a plain RunEvent: its seq and run id, no key, data intact (U+0000 included).
    expect(all[4]).toEqual({
      type: 'node.progress',
      runId,
      seq: 5,
      ts: 1_700_000_000_001,
      nodeId: 'c',
      data: { key: 'c:1', text: 'nul \u0000 inside' },
    });
    expect(again.finished).toBe(false);
  });

  it('keeps seqs gapless and unique when many writers append to one run at once', async () => {
    const db = database();
    const runId = await newRun();
    const writers = Array.from({ length: 8 }, (_, w) =>
      db.events.appendKeyed(runId, keyed(runId, [`n${w}:1`, `n${w}:2`, `shared:${w % 2}`])),
    );
    const results = await Promise.all(writers);
    const all = await db.events.list(runId);
    expect(all.map((event) => event.seq)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(results.flatMap((result) => result.stored).length).toBe(18);
    // Each writer's events keep their order.
    for (let w = 0; w < 8; w++) {
      const mine = all.filter((event) => event.nodeId === `n${w}`).map((event) => event.data);
      expect(mine).toEqual([
        expect.objectContaining({ key: `n${w}:1` }),
        expect.objectContaining({ key: `n${w}:2` }),
      ]);
    }
  });

  it('ends the run with its final keyed events in one transaction, once', async () => {
    const db = database();
    const runId = await newRun();
    const end = keyed(runId, ['run:end']).map((event) => ({
      ...event,
      type: 'run.succeeded' as const,
    }));
    const first = await db.events.appendKeyed(runId, end, {
      status: 'succeeded',
      output: { ok: 1 },
    });
    expect(first).toMatchObject({ finished: true, stored: [{ seq: 1, type: 'run.succeeded' }] });
    expect(await db.runs.get(runId)).toMatchObject({ status: 'succeeded', output: { ok: 1 } });
    const repeated = await db.events.appendKeyed(runId, end, { status: 'failed' });
    expect(repeated).toEqual({ stored: [], finished: false });
    expect((await db.runs.get(runId))?.status).toBe('succeeded');
  });

  it('refuses keyed events for a run that does not exist, writing nothing', async () => {
    const db = database();
    const error: unknown = await db.events
      .appendKeyed('no-such-run', keyed('no-such-run', ['a:1']))
      .catch((e: unknown) => e);
    expect(isOrchestratorError(error) && error.code).toBe('NOT_FOUND');
    expect((error as Error).message).toBe('Run "no-such-run" does not exist');
    expect(await db.events.list('no-such-run')).toEqual([]);
  });
}
