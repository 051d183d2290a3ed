import { isOrchestratorError } from '@beluga/orchestration';
import type { RunEvent } from '@beluga/orchestration';
import { expect, it } from 'vitest';
import type { Database } from '../../src/index.js';
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
}
