import type { GraphDocumentInput } from '@beluga/graph';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  approvalDocument,
  isRunEnd,
  rejection,
  routingDocument,
  waitForEvent,
  type Client,
} from './fixtures.js';
import {
  BACKENDS,
  startTestServer,
  testDatabase,
  type StartTestServerOptions,
  type TestServer,
  TEST_WORKSPACE,
} from './harness.js';

interface Check {
  name: string;
  status: string;
  message?: string;
  details?: Record<string, unknown>;
}

interface Health {
  status: string;
  orchestrator: { status: string; checks: Check[] };
}

interface Readiness {
  status: string;
  components: Record<string, { status: string; health?: string; checks?: Check[] }>;
}

async function get<T>(server: TestServer, path: '/healthz' | '/readyz') {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: (await response.json()) as T };
}

const checkOf = (checks: Check[] | undefined, name: string) =>
  checks?.find((check) => check.name === name);

async function saved(client: Client, document: GraphDocumentInput) {
  const created = await client.graphs.create.mutate({
    workspaceId: TEST_WORKSPACE,
    name: document.name,
  });
  return client.graphs.update.mutate({ id: created.id, baseVersion: 1, document });
}

describe('health of a server and its orchestrator', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let server: TestServer | undefined;
  beforeAll(async () => {
    database = await testDatabase('pglite');
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  afterAll(() => database.drop());

  async function start(options: Omit<StartTestServerOptions, 'db'> = {}) {
    server = await startTestServer({ db: database.db, ...options });
    return server;
  }

  /** Starts an approval run and resolves once its gate waits: the run is in flight. */
  async function runWaitingAtGate(on: TestServer) {
    const graph = await saved(on.client, approvalDocument());
    const run = await on.client.runs.start.mutate({ graphId: graph.id, input: { version: '1' } });
    await waitForEvent(on.client, run.id, (e) => e.type === 'node.waiting' && e.nodeId === 'gate');
    return run;
  }

  it('is live and ready on a fresh start, with the orchestrator and its checks in both', async () => {
    const fresh = await start();
    const live = await get<Health>(fresh, '/healthz');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'ok', orchestrator: { status: 'healthy' } });
    expect(live.body.orchestrator.checks.map((check) => check.name)).toEqual([
      'providers',
      'capacity',
      'errors',
    ]);
    expect(checkOf(live.body.orchestrator.checks, 'providers')?.details).toEqual({
      graph: ['local'],
    });
    const ready = await get<Readiness>(fresh, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      components: {
        database: { status: 'ok', kind: 'pglite', latencyMs: expect.any(Number) as unknown },
        orchestrator: { status: 'ok', health: 'healthy' },
      },
    });
    expect(checkOf(ready.body.components.orchestrator?.checks, 'capacity')).toEqual({
      name: 'capacity',
      status: 'healthy',
      message: '0 of 1000 executions running',
      details: { active: 0, max: 1000 },
    });
  });

  it('counts a local run while it waits at an approval, and none once it has ended', async () => {
    const busy = await start();
    const run = await runWaitingAtGate(busy);
    const during = await get<Readiness>(busy, '/readyz');
    expect(checkOf(during.body.components.orchestrator?.checks, 'capacity')?.details).toEqual({
      active: 1,
      max: 1000,
    });
    const live = await get<Health>(busy, '/healthz');
    expect(checkOf(live.body.orchestrator.checks, 'capacity')?.message).toBe(
      '1 of 1000 executions running',
    );

    await busy.client.runs.approve.mutate({ runId: run.id, nodeId: 'gate' });
    const events = await waitForEvent(busy.client, run.id, isRunEnd);
    expect(events.at(-1)?.type).toBe('run.succeeded');
    const after = await get<Readiness>(busy, '/readyz');
    const checks = after.body.components.orchestrator?.checks;
    expect(checkOf(checks, 'capacity')?.details).toEqual({ active: 0, max: 1000 });
    expect(checkOf(checks, 'errors')?.details).toEqual({
      errorCount: 0,
      totalExecutions: 1,
      errorRate: 0,
    });
  });

  it('stays ready at its capacity, reported degraded, and refuses one more local run', async () => {
    const full = await start({ maxActiveRuns: 1 });
    const run = await runWaitingAtGate(full);
    const ready = await get<Readiness>(full, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.components.orchestrator).toMatchObject({
      status: 'degraded',
      health: 'degraded',
    });
    expect(checkOf(ready.body.components.orchestrator?.checks, 'capacity')).toMatchObject({
      status: 'degraded',
      message: '1 of 1 executions running',
    });
    expect((await get<Health>(full, '/healthz')).status).toBe(200);

    const graph = await saved(full.client, routingDocument());
    const refused = await rejection(
      full.client.runs.start.mutate({ graphId: graph.id, input: { amount: 5 } }),
    );
    expect(refused.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', errorCode: 'SERVER_BUSY' });
    expect(
      await full.client.runs.list.query({ workspaceId: TEST_WORKSPACE, graphId: graph.id }),
    ).toEqual([]);
    await full.client.runs.cancel.mutate({ runId: run.id });
  });

  it('stays live and ready when most runs fail: the error rate is reported, nothing more', async () => {
    const failing = await start({ limits: { maxRunningPerUser: 100 } });
    const graph = await saved(failing.client, routingDocument());
    const runs = await Promise.all(
      Array.from({ length: 20 }, () =>
        failing.client.runs.start.mutate({ graphId: graph.id, input: { note: 'no amount' } }),
      ),
    );
    for (const run of runs) {
      const events = await waitForEvent(failing.client, run.id, isRunEnd);
      expect(events.at(-1)?.type).toBe('run.failed');
    }
    const ready = await get<Readiness>(failing, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.components.orchestrator).toMatchObject({
      status: 'degraded',
      health: 'unhealthy',
    });
    expect(checkOf(ready.body.components.orchestrator?.checks, 'errors')).toEqual({
      name: 'errors',
      status: 'unhealthy',
      message: '100% of executions failed',
      details: { errorCount: 20, totalExecutions: 20, errorRate: 1 },
    });
    const live = await get<Health>(failing, '/healthz');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'ok', orchestrator: { status: 'unhealthy' } });
  });
});

describe.each(BACKENDS)('health without a database on %s', (backend) => {
  it('is not ready (503, the database unavailable, no driver message) but still live', async () => {
    const database = await testDatabase(backend);
    const server = await startTestServer({ db: database.db });
    try {
      await database.db.close();
      const ready = await get<Readiness>(server, '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({
        status: 'unavailable',
        components: {
          database: {
            status: 'unavailable',
            kind: backend,
            message: 'The database did not answer',
          },
          orchestrator: { status: 'ok' },
        },
      });
      const live = await get<Health>(server, '/healthz');
      expect(live.status).toBe(200);
      expect(live.body.status).toBe('ok');
    } finally {
      await server.stop();
      await database.drop();
    }
  });
});
