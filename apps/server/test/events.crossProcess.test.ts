import { openDatabase, type Database } from '@beluga/db';
import type { RunEvent } from '@beluga/orchestration';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, testDatabase, signedInClient, type TestServer } from './harness.js';
import { killServers, spawnServer } from './serverProcess.js';
import { approvalChain, importGraph, oneTo, RawSubscription, waitingAt } from './streaming.js';

const seqs = (events: RunEvent[]) => events.map((event) => event.seq);

// Two server processes on one database, as two API servers behind a load balancer: each has its
// own Database (pool + LISTEN connection) and instance id, so events cross only through
// PostgreSQL's NOTIFY. PGlite cannot be opened by two processes at once, so it has no such test:
// its notifications are in-process only.
describe('run events across server processes on postgres (LISTEN/NOTIFY)', () => {
  let a: TestServer;
  let b: TestServer;
  let second: Database;
  let url: string;
  let drop: () => Promise<void>;
  let graphId: string;

  beforeAll(async () => {
    const database = await testDatabase('postgres');
    drop = database.drop;
    url = database.url as string;
    second = await openDatabase({ url });
    a = await startTestServer({ db: database.db, instanceId: 'server-a' });
    b = await startTestServer({ db: second, instanceId: 'server-b' });
    graphId = await importGraph(a.client, approvalChain(3));
  }, 60_000);
  afterAll(async () => {
    await b.stop();
    await a.stop();
    await second.close();
    await drop();
  });

  const approve = (runId: string, nodeId: string) =>
    a.client.runs.approve.mutate({ runId, nodeId });

  it('a run started through A streams live through B', async () => {
    const run = await a.client.runs.start.mutate({ graphId, input: 'cross' });
    const stream = await RawSubscription.open(b.url, { cookie: b.cookie, runId: run.id });
    // Each step waits for the test, so B can only see a step's events live, through NOTIFY.
    for (const nodeId of ['a1', 'a2', 'a3']) {
      await stream.until(waitingAt(nodeId));
      await approve(run.id, nodeId);
    }
    await stream.toEnd();
    expect(seqs(stream.events)).toEqual(oneTo(stream.events.length));
    expect(stream.events.at(-1)?.type).toBe('run.succeeded');
  });

  it('approving through B says the run runs elsewhere; cancelling through B stops it on A', async () => {
    const run = await a.client.runs.start.mutate({ graphId, input: 'cancel' });
    const stream = await RawSubscription.open(b.url, { cookie: b.cookie, runId: run.id });
    await stream.until(waitingAt('a1'));
    await expect(b.client.runs.approve.mutate({ runId: run.id, nodeId: 'a1' })).rejects.toThrow(
      /another server process/,
    );
    // B answers once A has stopped the run and stored its end, not merely once it asked.
    const cancelled = await b.client.runs.cancel.mutate({ runId: run.id });
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      error: { code: 'CANCELLED' },
    });
    await stream.toEnd();
    expect(stream.events.at(-1)?.type).toBe('run.cancelled');
    expect((await b.client.runs.get.query({ runId: run.id })).run.status).toBe('cancelled');
  });

  it('a tail survives the loss of its LISTEN connection (the periodic recheck finds what NOTIFY lost)', async () => {
    const run = await a.client.runs.start.mutate({ graphId, input: 'listen' });
    const stream = await RawSubscription.open(b.url, { cookie: b.cookie, runId: run.id });
    await stream.until(waitingAt('a1'));
    await terminateListeners(url);
    // Notifications sent while B listens on nothing are lost; B must not wait for them forever.
    await approve(run.id, 'a1');
    await stream.until(waitingAt('a2'));
    await approve(run.id, 'a2');
    await stream.until(waitingAt('a3'));
    await approve(run.id, 'a3');
    await stream.toEnd();
    expect(seqs(stream.events)).toEqual(oneTo(stream.events.length));
    // The recheck runs every 5 s.
  }, 30_000);
});

// Leases: every server renews its runs' heartbeats; a server that dies for good (its instance id
// never comes back) has its runs marked interrupted by another one once the lease runs out.
describe('runs of a server that died for good, on postgres', () => {
  const LEASE_MS = 600;
  let url: string;
  let drop: () => Promise<void>;
  let survivor: TestServer | undefined;
  let survivorDb: Database | undefined;

  beforeAll(async () => {
    const database = await testDatabase('postgres');
    url = database.url as string;
    // The spawned server opens its own connections; this test's Database is only for reading.
    drop = database.drop;
  }, 60_000);
  afterAll(async () => {
    await killServers();
    await survivor?.stop();
    await survivorDb?.close();
    await drop();
  });

  it('leaves a live server its runs, and interrupts them once it is killed and its lease runs out', async () => {
    const env = { DATABASE_URL: url, BELUGA_RUN_LEASE_MS: String(LEASE_MS) };
    const doomed = await spawnServer({ ...env, BELUGA_INSTANCE_ID: 'doomed' });
    const { client: doomedClient, workspaceId } = await signedInClient(doomed.url);
    const graphId = await importGraph(doomedClient, approvalChain(2), workspaceId);
    const run = await doomedClient.runs.start.mutate({ graphId, input: 'lease' });

    survivorDb = await openDatabase({ url });
    survivor = await startTestServer({
      db: survivorDb,
      instanceId: 'survivor',
      runLeaseMs: LEASE_MS,
    });
    const stream = await RawSubscription.open(survivor.url, {
      cookie: survivor.cookie,
      runId: run.id,
    });
    await stream.until(waitingAt('a1'));
    // The doomed server keeps renewing: its run outlives several leases while the survivor sweeps.
    const first = (await survivorDb.runs.get(run.id))!.heartbeatAt.getTime();
    await vi.waitFor(
      async () => {
        const now = await survivorDb!.runs.get(run.id);
        expect(now?.heartbeatAt.getTime()).toBeGreaterThan(first + 2 * LEASE_MS);
      },
      { timeout: 20_000, interval: 100 },
    );
    expect((await survivorDb.runs.get(run.id))?.status).toBe('running');

    doomed.child.kill('SIGKILL');
    await doomed.exited;
    await stream.toEnd();
    expect(seqs(stream.events)).toEqual(oneTo(stream.events.length));
    expect(stream.events.at(-1)).toMatchObject({
      type: 'run.failed',
      error: {
        code: 'INTERRUPTED',
        message: expect.stringMatching(/no heartbeat for 0.6 s/) as unknown,
      },
    });
    const detail = await survivor.client.runs.get.query({ runId: run.id });
    expect(detail.run).toMatchObject({ status: 'interrupted', error: { code: 'INTERRUPTED' } });
  }, 60_000);
});

/** Ends every LISTEN connection on the database, as a PostgreSQL restart or failover would. */
async function terminateListeners(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const name = new URL(url).pathname.slice(1);
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = $1 AND application_name = 'beluga-listen'`,
      [name],
    );
    // Wait until they are gone, so what the test does next happens while nobody listens.
    for (let attempt = 0; attempt < 1000; attempt += 1) {
      const { rows } = await admin.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = $1 AND application_name = 'beluga-listen'`,
        [name],
      );
      if ((rows[0] as { n: number }).n === 0) return;
    }
    throw new Error('the LISTEN connections did not end');
  } finally {
    await admin.end();
  }
}
