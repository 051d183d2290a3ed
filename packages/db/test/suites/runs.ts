import { expect, it } from 'vitest';
import type { Database } from '../../src/index.js';
import { makeEvents, runInput, uniqueId } from '../fixtures.js';

/** Run repository behaviour, the same on every backend. */
export function runTests(database: () => Database): void {
  it('creates a running run and finishes it exactly once', async () => {
    const db = database();
    const run = await db.runs.create(runInput());
    expect(run).toMatchObject({ status: 'running', output: null, error: null, finishedAt: null });
    expect(run.input).toEqual({ question: 'why?' });
    expect(await db.runs.get(run.id)).toEqual(run);
    expect(await db.runs.finish(run.id, { status: 'succeeded', output: { answer: 42 } })).toBe(
      true,
    );
    expect(
      await db.runs.finish(run.id, { status: 'failed', error: { code: 'X', message: 'late' } }),
    ).toBe(false);
    const done = await db.runs.get(run.id);
    expect(done).toMatchObject({ status: 'succeeded', output: { answer: 42 }, error: null });
    expect(done?.finishedAt).toBeInstanceOf(Date);
    expect(await db.runs.finish(uniqueId('missing'), { status: 'cancelled' })).toBe(false);
  });

  it("stores a run's last events with its final status, all or nothing", async () => {
    const db = database();
    const run = await db.runs.create(runInput());
    await db.events.append(makeEvents(run.id, 1, 3));
    const last = makeEvents(run.id, 4, 2);
    expect(await db.runs.finish(run.id, { status: 'succeeded', output: 1, events: last })).toBe(
      true,
    );
    expect((await db.events.list(run.id)).map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
    // A duplicate sequence number fails the whole finish: no events, and the run still running.
    const other = await db.runs.create(runInput());
    await db.events.append(makeEvents(other.id, 1, 2));
    await expect(
      db.runs.finish(other.id, { status: 'succeeded', events: makeEvents(other.id, 2, 2) }),
    ).rejects.toThrow();
    expect(await db.runs.get(other.id)).toMatchObject({ status: 'running' });
    expect(await db.events.lastSeq(other.id)).toBe(2);
  });

  it('keeps a failure, and a run whose graph was deleted', async () => {
    const db = database();
    const run = await db.runs.create(runInput({ input: undefined }));
    expect(run.input).toBeNull();
    const error = { code: 'TIMEOUT', message: 'node n1 took too long' };
    expect(await db.runs.finish(run.id, { status: 'failed', error })).toBe(true);
    expect(await db.runs.get(run.id)).toMatchObject({ status: 'failed', error, output: null });
  });

  it('counts running runs per user', async () => {
    const db = database();
    const user = uniqueId('user');
    const [a] = await Promise.all([
      db.runs.create(runInput({ startedBy: user })),
      db.runs.create(runInput({ startedBy: user, executor: 'temporal' })),
      db.runs.create(runInput()),
    ]);
    expect(await db.runs.countRunning(user)).toBe(2);
    await db.runs.finish(a.id, { status: 'cancelled' });
    expect(await db.runs.countRunning(user)).toBe(1);
    expect(await db.runs.countRunning(uniqueId('nobody'))).toBe(0);
  });

  it('marks the running local runs of one instance interrupted, then of all instances', async () => {
    const db = database();
    const [mine, other] = [uniqueId('instance'), uniqueId('instance')];
    const local = await db.runs.create(runInput({ instanceId: mine }));
    const finished = await db.runs.create(runInput({ instanceId: mine }));
    await db.runs.finish(finished.id, { status: 'succeeded' });
    const temporal = await db.runs.create(runInput({ instanceId: mine, executor: 'temporal' }));
    const elsewhere = await db.runs.create(runInput({ instanceId: other }));

    expect(await db.runs.markInterrupted(mine)).toEqual([local.id]);
    expect(await db.runs.get(local.id)).toMatchObject({ status: 'interrupted' });
    expect((await db.runs.get(local.id))?.finishedAt).toBeInstanceOf(Date);
    expect((await db.runs.get(finished.id))?.status).toBe('succeeded');
    expect((await db.runs.get(elsewhere.id))?.status).toBe('running');

    expect(await db.runs.markInterrupted()).toContain(elsewhere.id);
    expect((await db.runs.get(elsewhere.id))?.status).toBe('interrupted');
    expect((await db.runs.get(temporal.id))?.status).toBe('running');
    expect(await db.runs.markInterrupted()).toEqual([]);
  });

  it('renews the leases of one instance and interrupts the runs whose lease ran out', async () => {
    const db = database();
    const [alive, dead] = [uniqueId('instance'), uniqueId('instance')];
    const kept = await db.runs.create(runInput({ instanceId: alive }));
    const lost = await db.runs.create(runInput({ instanceId: dead }));
    const temporal = await db.runs.create(runInput({ instanceId: dead, executor: 'temporal' }));
    const done = await db.runs.create(runInput({ instanceId: alive }));
    await db.runs.finish(done.id, { status: 'succeeded' });

    const before = (await db.runs.get(kept.id))!.heartbeatAt;
    expect(await db.runs.heartbeat(alive)).toEqual([kept.id]);
    expect((await db.runs.get(kept.id))!.heartbeatAt.getTime()).toBeGreaterThanOrEqual(
      before.getTime(),
    );
    // Nothing is an hour old: nothing is taken.
    expect(await db.runs.interruptStale(3_600_000)).toEqual([]);
    expect((await db.runs.get(lost.id))?.status).toBe('running');

    // A lease of 0 ms has run out for every running local run, whoever owns it.
    const taken = await db.runs.interruptStale(0);
    expect(taken).toEqual(expect.arrayContaining([kept.id, lost.id]));
    expect(taken).not.toContain(temporal.id);
    expect(await db.runs.get(lost.id)).toMatchObject({
      status: 'interrupted',
      error: {
        code: 'INTERRUPTED',
        message: expect.stringMatching(/no heartbeat for 0 s/) as unknown,
      },
    });
    expect((await db.runs.get(done.id))?.status).toBe('succeeded');
    expect((await db.runs.get(temporal.id))?.status).toBe('running');
    // Its owner learns from its next heartbeat that the run is no longer its own.
    expect(await db.runs.heartbeat(alive)).toEqual([]);
    expect(await db.runs.interruptStale(0)).not.toContain(lost.id);
  });

  it('lists the running runs of one executor', async () => {
    const db = database();
    const first = await db.runs.create(runInput({ executor: 'temporal' }));
    const second = await db.runs.create(runInput({ executor: 'temporal' }));
    const done = await db.runs.create(runInput({ executor: 'temporal' }));
    await db.runs.finish(done.id, { status: 'succeeded' });
    const local = await db.runs.create(runInput());
    const ids = (await db.runs.listRunning('temporal', { limit: 1000 })).map((run) => run.id);
    expect(ids).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(ids).not.toContain(done.id);
    expect(ids).not.toContain(local.id);
  });

  it('gives each stale run to exactly one of many servers sweeping at once', async () => {
    const db = database();
    const owner = uniqueId('instance');
    const created = await Promise.all(
      [1, 2, 3, 4, 5].map(() => db.runs.create(runInput({ instanceId: owner }))),
    );
    const sweeps = await Promise.all([1, 2, 3, 4].map(() => db.runs.interruptStale(0)));
    const ids = created.map((run) => run.id);
    const taken = sweeps.flat().filter((id) => ids.includes(id));
    expect(taken.sort()).toEqual([...ids].sort());
  });

  it('lists runs newest first, by graph, with keyset pagination', async () => {
    const db = database();
    const graphId = uniqueId('graph');
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await db.runs.create(runInput({ graphId })));
    await db.runs.create(runInput());
    const pages = [];
    let before: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const page = await db.runs.list({ graphId, limit: 2, before });
      if (page.length === 0) break;
      pages.push(page.map((r) => r.id));
      const last = page[page.length - 1]!;
      before = { createdAt: last.createdAt, id: last.id };
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const expected = [...created]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : 1))
      .map((r) => r.id);
    expect(pages.flat()).toEqual(expected);
    const all = await db.runs.list({ limit: 1000 });
    expect(all.length).toBeGreaterThan(5);
  });

  it('records the Temporal workflow of a run', async () => {
    const db = database();
    const run = await db.runs.create(runInput({ executor: 'temporal' }));
    await db.runs.setWorkflow(run.id, { workflowId: 'wf-1', workflowRunId: 'wr-1' });
    expect(await db.runs.get(run.id)).toMatchObject({ workflowId: 'wf-1', workflowRunId: 'wr-1' });
  });
}
