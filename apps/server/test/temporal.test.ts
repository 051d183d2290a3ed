import type { RunEvent } from '@beluga/orchestration';
import { startTemporalDevServer, type TemporalDevServer } from '@beluga/testkit';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedInClient, startTestServer, testDatabase, type TestServer } from './harness.js';
import { killServers, spawnServer } from './serverProcess.js';
import {
  approvalChain,
  collectRun,
  importGraph,
  oneTo,
  RawSubscription,
  transformChain,
  waitingAt,
} from './streaming.js';

const seqs = (events: RunEvent[]) => events.map((event) => event.seq);
const nodeStatuses = (nodes: { nodeId: string; status: string }[]) =>
  Object.fromEntries(nodes.map((node) => [node.nodeId, node.status]));

// The server with the `temporal` executor: a real dev server, the worker in the server process
// (BELUGA_TEMPORAL_WORKER), events written by the workflow and its activities into the same log
// the local executor writes, and streamed to the same SSE clients.
describe('runs on Temporal through the API (PGlite, in-process worker)', () => {
  let temporal: TemporalDevServer;
  let server: TestServer;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    temporal = await startTemporalDevServer();
    const database = await testDatabase('pglite');
    drop = database.drop;
    server = await startTestServer({
      db: database.db,
      // Short leases: the reconciliation of runs closed outside Beluga runs every 300 ms.
      runLeaseMs: 900,
      temporal: {
        address: temporal.address,
        taskQueue: 'server-test',
        worker: true,
        webUiUrl: 'http://localhost:8233/',
      },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await drop?.();
    await temporal?.stop();
  }, 60_000);

  it('offers the temporal executor while Temporal answers, and says so in /readyz', async () => {
    await expect(server.client.runs.executors.query()).resolves.toEqual({
      executors: ['local', 'temporal'],
    });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      components: { database: { status: 'ok' }, temporal: { status: 'ok' } },
    });
  });

  it('gives the same output, node states and event sequence shape as the local executor', async () => {
    const graphId = await importGraph(server.client, transformChain(4));
    const outcomes = [];
    for (const executor of ['local', 'temporal'] as const) {
      const run = await server.client.runs.start.mutate({ graphId, input: { n: 7 }, executor });
      const events = await collectRun(server.client, { runId: run.id });
      const detail = await server.client.runs.get.query({ runId: run.id });
      expect(seqs(events)).toEqual(oneTo(events.length));
      outcomes.push({
        executor,
        status: detail.run.status,
        output: detail.run.output,
        nodes: nodeStatuses(detail.nodes),
        last: events.at(-1)?.type,
        types: new Set(events.map((event) => event.type)),
        workflowId: detail.run.workflowId,
        workflowRunId: detail.run.workflowRunId,
        temporalUrl: detail.temporalUrl,
      });
    }
    const [local, onTemporal] = outcomes;
    expect(onTemporal).toMatchObject({
      status: 'succeeded',
      output: local!.output,
      nodes: local!.nodes,
      last: 'run.succeeded',
      types: local!.types,
    });
    expect(local!.output).toEqual({ n: 7 });
    expect(onTemporal!.workflowId).toMatch(/^beluga-run-/);
    expect(onTemporal!.temporalUrl).toBe(
      `http://localhost:8233/namespaces/default/workflows/${onTemporal!.workflowId}/${onTemporal!.workflowRunId}/history`,
    );
    expect(local!.workflowId).toBeNull();
    expect(local!.temporalUrl).toBeNull();
  }, 60_000);

  it('waits at an approval (a signal), refuses a node that is not waiting, and finishes', async () => {
    const graphId = await importGraph(server.client, approvalChain(2));
    const run = await server.client.runs.start.mutate({
      graphId,
      input: { ticket: 1 },
      executor: 'temporal',
    });
    const stream = await RawSubscription.open(server.url, { cookie: server.cookie, runId: run.id });
    await stream.until(waitingAt('a1'));
    const detail = await server.client.runs.get.query({ runId: run.id });
    expect(detail.pendingApprovals).toEqual([
      expect.objectContaining({ runId: run.id, nodeId: 'a1', prompt: 'step a1' }),
    ]);
    await expect(
      server.client.runs.approve.mutate({ runId: run.id, nodeId: 'a2' }),
    ).rejects.toMatchObject({ data: { errorCode: 'NOT_WAITING' } });
    await server.client.runs.approve.mutate({ runId: run.id, nodeId: 'a1', comment: 'ok' });
    await stream.until(waitingAt('a2'));
    await server.client.runs.reject.mutate({ runId: run.id, nodeId: 'a2' });
    await stream.toEnd();
    expect(seqs(stream.events)).toEqual(oneTo(stream.events.length));
    expect(stream.events.at(-1)?.type).toBe('run.succeeded');
    const after = await server.client.runs.get.query({ runId: run.id });
    expect(nodeStatuses(after.nodes)).toMatchObject({ a1: 'succeeded', a2: 'succeeded' });
  }, 60_000);

  it('cancels a waiting run (the workflow cleans up) and answers once it is cancelled', async () => {
    const graphId = await importGraph(server.client, approvalChain(1));
    const run = await server.client.runs.start.mutate({ graphId, executor: 'temporal' });
    const stream = await RawSubscription.open(server.url, { cookie: server.cookie, runId: run.id });
    await stream.until(waitingAt('a1'));
    const cancelled = await server.client.runs.cancel.mutate({ runId: run.id });
    expect(cancelled.status).toBe('cancelled');
    await stream.toEnd();
    expect(stream.events.at(-1)?.type).toBe('run.cancelled');
  }, 60_000);

  it('terminates a run at once and records it cancelled with who did it', async () => {
    const graphId = await importGraph(server.client, approvalChain(1));
    const run = await server.client.runs.start.mutate({ graphId, executor: 'temporal' });
    const stream = await RawSubscription.open(server.url, { cookie: server.cookie, runId: run.id });
    await stream.until(waitingAt('a1'));
    const terminated = await server.client.runs.terminate.mutate({ runId: run.id });
    expect(terminated).toMatchObject({
      status: 'cancelled',
      error: { code: 'CANCELLED', message: expect.stringMatching(/^Terminated by /) as unknown },
    });
    await stream.toEnd();
    expect(stream.events.at(-1)).toMatchObject({ type: 'run.cancelled' });
    expect(seqs(stream.events)).toEqual(oneTo(stream.events.length));
  }, 60_000);

  it("is ended from Temporal's status when terminated with Temporal's own tools", async () => {
    const graphId = await importGraph(server.client, approvalChain(1));
    const run = await server.client.runs.start.mutate({ graphId, executor: 'temporal' });
    const stream = await RawSubscription.open(server.url, { cookie: server.cookie, runId: run.id });
    await stream.until(waitingAt('a1'));
    const connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection });
    await client.workflow.getHandle(run.workflowId as string).terminate('from the Temporal UI');
    await connection.close();
    // No workflow code runs on terminate: the server learns it from Temporal, one lease later.
    await stream.toEnd();
    expect(stream.events.at(-1)).toMatchObject({
      type: 'run.cancelled',
      error: { code: 'CANCELLED', message: 'Terminated in Temporal' },
    });
    expect(seqs(stream.events)).toEqual(oneTo(stream.events.length));
    expect((await server.client.runs.get.query({ runId: run.id })).run.status).toBe('cancelled');
  }, 60_000);
});

describe('a Temporal run across a restart of its server (PGlite folder, in-process worker)', () => {
  let temporal: TemporalDevServer;
  let dataDir: string;

  beforeAll(async () => {
    temporal = await startTemporalDevServer();
    dataDir = await mkdtemp(join(tmpdir(), 'beluga-temporal-restart-'));
  }, 120_000);
  afterAll(async () => {
    await killServers();
    await temporal?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('carries on after the server is killed mid-run, and the stream resumes where it was', async () => {
    const env = {
      DATA_DIR: dataDir,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: 'restart-test',
      BELUGA_TEMPORAL_WORKER: 'true',
      BELUGA_INSTANCE_ID: 'temporal-restart',
    };
    const first = await spawnServer(env);
    const { client: before, workspaceId, cookie } = await signedInClient(first.url);
    const graphId = await importGraph(before, approvalChain(2), workspaceId);
    const run = await before.runs.start.mutate({ graphId, executor: 'temporal' });
    const stream = await RawSubscription.open(first.url, { cookie, runId: run.id });
    await stream.until(waitingAt('a1'));
    const seen = stream.events;
    stream.drop();
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await spawnServer(env);
    const { client: after, cookie: cookieAfter } = await signedInClient(second.url);
    // Not interrupted: the run lives in Temporal, not in the server that started it.
    expect((await after.runs.get.query({ runId: run.id })).run.status).toBe('running');
    const resumed = await RawSubscription.open(second.url, {
      cookie: cookieAfter,
      runId: run.id,
      lastEventIdHeader: String(seen.at(-1)?.seq),
    });
    await after.runs.approve.mutate({ runId: run.id, nodeId: 'a1' });
    await resumed.until(waitingAt('a2'));
    await after.runs.approve.mutate({ runId: run.id, nodeId: 'a2' });
    await resumed.toEnd();
    const all = [...seen, ...resumed.events];
    expect(seqs(all)).toEqual(oneTo(all.length));
    expect(all.at(-1)?.type).toBe('run.succeeded');
    expect((await after.runs.get.query({ runId: run.id })).run.status).toBe('succeeded');
  }, 120_000);
});

describe('the temporal executor on a server without Temporal', () => {
  let server: TestServer;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await testDatabase('pglite');
    drop = database.drop;
    server = await startTestServer({ db: database.db });
  });
  afterAll(async () => {
    await server.stop();
    await drop();
  });

  it('is not offered, and a run asked of it is refused with EXECUTOR_UNAVAILABLE', async () => {
    await expect(server.client.runs.executors.query()).resolves.toEqual({ executors: ['local'] });
    const graphId = await importGraph(server.client, transformChain(1));
    await expect(
      server.client.runs.start.mutate({ graphId, executor: 'temporal' }),
    ).rejects.toMatchObject({ data: { errorCode: 'EXECUTOR_UNAVAILABLE' } });
  });
});
