import type { GraphDocumentInput } from '@beluga/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvalDocument,
  cyclicDocument,
  isRunEnd,
  rejection,
  routingDocument,
  slowDocument,
  waitForEvent,
  type Client,
} from './fixtures.js';
import {
  BACKENDS,
  startTestServer,
  testDatabase,
  type TestServer,
  TEST_USER,
  TEST_WORKSPACE,
} from './harness.js';

describe.each(BACKENDS)('runs on %s', (backend) => {
  let server: TestServer;
  let client: Client;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await testDatabase(backend);
    drop = database.drop;
    server = await startTestServer({ db: database.db });
    client = server.client;
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await drop();
  });

  async function saved(document: GraphDocumentInput, on: Client = client) {
    const created = await on.graphs.create.mutate({
      workspaceId: TEST_WORKSPACE,
      name: document.name,
    });
    return on.graphs.update.mutate({ id: created.id, baseVersion: 1, document });
  }

  async function startAndWaitFor(graphId: string, input: unknown, type: string, nodeId?: string) {
    const run = await client.runs.start.mutate({ graphId, input });
    const events = await waitForEvent(
      client,
      run.id,
      (event) => event.type === type && (nodeId === undefined || event.nodeId === nodeId),
    );
    return { run, events };
  }

  describe('start, list and get', () => {
    it('runs a graph to its output and shows each node with its state, input and output', async () => {
      const graph = await saved(routingDocument());
      const run = await client.runs.start.mutate({ graphId: graph.id, input: { amount: 2500 } });
      expect(run).toMatchObject({
        graphId: graph.id,
        graphVersion: 2,
        graphName: 'Order routing',
        executor: 'local',
        status: 'running',
        input: { amount: 2500 },
        startedBy: server.userId,
        workspaceId: TEST_WORKSPACE,
      });
      const events = await waitForEvent(client, run.id, isRunEnd);
      expect(events.at(-1)?.type).toBe('run.succeeded');
      const detail = await client.runs.get.query({ runId: run.id });
      expect(detail.run).toMatchObject({
        status: 'succeeded',
        output: { amount: 2500, currency: 'EUR', route: 'review' },
        error: null,
      });
      expect(detail.lastSeq).toBe(events.at(-1)?.seq);
      expect(detail.pendingApprovals).toEqual([]);
      const byId = Object.fromEntries(detail.nodes.map((node) => [node.nodeId, node]));
      expect(byId.price).toMatchObject({
        type: 'transform',
        status: 'succeeded',
        attempt: 1,
        input: { amount: 2500 },
        output: { amount: 2500, currency: 'EUR' },
      });
      expect(byId.large).toMatchObject({
        status: 'succeeded',
        input: { amount: 2500, currency: 'EUR' },
      });
      expect(byId.review?.status).toBe('succeeded');
      expect(byId.auto?.status).toBe('skipped');
      expect(byId.result).toMatchObject({ status: 'succeeded', output: detail.run.output });
    });

    it('runs an earlier version when asked, and lists runs newest first, by graph', async () => {
      const graph = await saved(routingDocument());
      const v3 = await client.graphs.update.mutate({
        id: graph.id,
        baseVersion: 2,
        document: {
          ...routingDocument(),
          nodes: routingDocument().nodes.map((node) =>
            node.id === 'large' ? { ...node, config: { condition: 'amount >= 10' } } : node,
          ),
        },
      });
      expect(v3.version).toBe(3);
      const latest = await client.runs.start.mutate({ graphId: graph.id, input: { amount: 50 } });
      const older = await client.runs.start.mutate({
        graphId: graph.id,
        version: 2,
        input: { amount: 50 },
      });
      await waitForEvent(client, latest.id, isRunEnd);
      await waitForEvent(client, older.id, isRunEnd);
      expect((await client.runs.get.query({ runId: latest.id })).run.output).toMatchObject({
        route: 'review',
      });
      const old = await client.runs.get.query({ runId: older.id });
      expect(old.run).toMatchObject({ graphVersion: 2, output: { route: 'auto' } });
      const listed = await client.runs.list.query({
        workspaceId: TEST_WORKSPACE,
        graphId: graph.id,
      });
      expect(listed.map((run) => run.id)).toEqual([older.id, latest.id]);
      expect(listed[0]).toMatchObject({ status: 'succeeded', graphVersion: 2 });
      const page = await client.runs.list.query({
        workspaceId: TEST_WORKSPACE,
        graphId: graph.id,
        limit: 1,
        cursor: { createdAt: listed[0]?.createdAt, id: older.id },
      });
      expect(page.map((run) => run.id)).toEqual([latest.id]);
    });

    it('records a run whose input a node refuses as failed, with the node and the reason', async () => {
      const graph = await saved(routingDocument());
      const run = await client.runs.start.mutate({
        graphId: graph.id,
        input: { note: 'no amount' },
      });
      await waitForEvent(client, run.id, isRunEnd);
      const detail = await client.runs.get.query({ runId: run.id });
      expect(detail.run.status).toBe('failed');
      expect(detail.run.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(detail.run.error?.message).toMatch(/amount/);
      const order = detail.nodes.find((node) => node.nodeId === 'order');
      expect(order?.status).toBe('failed');
      expect(order?.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });

  describe('refused starts', () => {
    async function runsOf(graphId: string) {
      return client.runs.list.query({ workspaceId: TEST_WORKSPACE, graphId });
    }

    it('refuses to run a saved cyclic graph with INVALID_GRAPH and its problems', async () => {
      const graph = await saved(cyclicDocument());
      const error = await rejection(client.runs.start.mutate({ graphId: graph.id }));
      expect(error.data).toMatchObject({
        code: 'BAD_REQUEST',
        httpStatus: 400,
        errorCode: 'INVALID_GRAPH',
      });
      expect(error.message).toMatch(/Retry loop/);
      expect(error.data?.details?.problems).toContainEqual(
        expect.objectContaining({ code: 'CYCLE' }),
      );
      expect(await runsOf(graph.id)).toEqual([]);
      expect(await client.graphs.get.query({ id: graph.id })).toEqual(graph);
    });

    it('refuses an unknown executor at the input, naming the field', async () => {
      const graph = await saved(routingDocument());
      const error = await rejection(
        client.runs.start.mutate({
          graphId: graph.id,
          // @ts-expect-error -- what a client with an outdated type might send
          executor: 'kubernetes',
        }),
      );
      expect(error.data).toMatchObject({
        code: 'BAD_REQUEST',
        errorCode: 'INVALID_INPUT',
        field: 'executor',
      });
      expect(error.message).toMatch(/executor.*local.*temporal/);
      expect(await runsOf(graph.id)).toEqual([]);
    });

    it('refuses the temporal executor while it is not configured', async () => {
      const graph = await saved(routingDocument());
      const error = await rejection(
        client.runs.start.mutate({ graphId: graph.id, executor: 'temporal' }),
      );
      expect(error.data).toMatchObject({
        code: 'PRECONDITION_FAILED',
        httpStatus: 412,
        errorCode: 'EXECUTOR_UNAVAILABLE',
        field: 'executor',
      });
      expect(await runsOf(graph.id)).toEqual([]);
    });

    it('answers NOT_FOUND for an unknown graph, version or run', async () => {
      const graph = await saved(routingDocument());
      const unknownRun = '00000000-0000-4000-8000-000000000000';
      const calls = [
        () => client.runs.start.mutate({ graphId: unknownRun }),
        () => client.runs.start.mutate({ graphId: graph.id, version: 9 }),
        () => client.runs.get.query({ runId: unknownRun }),
        () => client.runs.cancel.mutate({ runId: unknownRun }),
        () => client.runs.approve.mutate({ runId: unknownRun, nodeId: 'gate' }),
        () => client.runs.reject.mutate({ runId: unknownRun, nodeId: 'gate' }),
      ];
      for (const call of calls) {
        const error = await rejection(call());
        expect(error.data).toMatchObject({ code: 'NOT_FOUND', errorCode: 'NOT_FOUND' });
      }
      expect(await runsOf(graph.id)).toEqual([]);
    });
  });

  describe('approvals', () => {
    it('waits at an approval node until approved, then finishes with the approved path', async () => {
      const graph = await saved(approvalDocument());
      const { run } = await startAndWaitFor(graph.id, { version: '2.4.0' }, 'node.waiting', 'gate');
      const waiting = await client.runs.get.query({ runId: run.id });
      expect(waiting.run.status).toBe('running');
      expect(waiting.pendingApprovals).toEqual([
        expect.objectContaining({ runId: run.id, nodeId: 'gate', prompt: 'Ship this release?' }),
      ]);
      expect(waiting.nodes.find((node) => node.nodeId === 'gate')).toMatchObject({
        status: 'waiting',
        input: { version: '2.4.0' },
      });
      expect(
        await client.runs.approve.mutate({ runId: run.id, nodeId: 'gate', comment: 'LGTM' }),
      ).toEqual({ runId: run.id, nodeId: 'gate', decision: 'approved' });
      const events = await waitForEvent(client, run.id, isRunEnd);
      expect(events.at(-1)?.type).toBe('run.succeeded');
      const done = await client.runs.get.query({ runId: run.id });
      expect(done.run).toMatchObject({
        status: 'succeeded',
        output: { shipped: true, version: '2.4.0', comment: 'LGTM' },
      });
      expect(done.pendingApprovals).toEqual([]);
      const byId = Object.fromEntries(done.nodes.map((node) => [node.nodeId, node]));
      expect(byId.gate?.output).toMatchObject({
        approved: { decision: 'approved', comment: 'LGTM', by: TEST_USER.name },
      });
      expect(byId.hold?.status).toBe('skipped');

      for (const second of [client.runs.approve, client.runs.reject]) {
        const error = await rejection(second.mutate({ runId: run.id, nodeId: 'gate' }));
        expect(error.data).toMatchObject({
          code: 'CONFLICT',
          httpStatus: 409,
          errorCode: 'INVALID_STATE',
          field: 'gate',
        });
        expect(error.message).toBe(
          `Node "gate" of run "${run.id}" was already approved by ${TEST_USER.name}`,
        );
      }
      expect((await client.runs.get.query({ runId: run.id })).run).toEqual(done.run);
    });

    it('routes a rejection with its comment to the rejected path', async () => {
      const graph = await saved(approvalDocument());
      const { run } = await startAndWaitFor(graph.id, { version: '3.0.0' }, 'node.waiting', 'gate');
      await client.runs.reject.mutate({ runId: run.id, nodeId: 'gate', comment: 'Breaks the API' });
      await waitForEvent(client, run.id, isRunEnd);
      const done = await client.runs.get.query({ runId: run.id });
      expect(done.run).toMatchObject({
        status: 'succeeded',
        output: { shipped: false, version: '3.0.0', comment: 'Breaks the API' },
      });
      expect(done.nodes.find((node) => node.nodeId === 'ship')?.status).toBe('skipped');
      const again = await rejection(client.runs.approve.mutate({ runId: run.id, nodeId: 'gate' }));
      expect(again.data).toMatchObject({ code: 'CONFLICT', errorCode: 'INVALID_STATE' });
      expect(again.message).toContain(`already rejected by ${TEST_USER.name}`);
      expect((await client.runs.get.query({ runId: run.id })).run).toEqual(done.run);
    });

    it('refuses a decision for a node that is not waiting, and the run keeps waiting', async () => {
      const graph = await saved(approvalDocument());
      const { run } = await startAndWaitFor(graph.id, { version: '1.0.0' }, 'node.waiting', 'gate');
      const error = await rejection(client.runs.approve.mutate({ runId: run.id, nodeId: 'ship' }));
      expect(error.data).toMatchObject({
        code: 'NOT_FOUND',
        errorCode: 'NOT_FOUND',
        field: 'ship',
      });
      expect(error.message).toMatch(/not waiting for an approval/);
      const still = await client.runs.get.query({ runId: run.id });
      expect(still.run.status).toBe('running');
      expect(still.pendingApprovals.map((approval) => approval.nodeId)).toEqual(['gate']);
      const cancelled = await client.runs.cancel.mutate({ runId: run.id });
      expect(cancelled.status).toBe('cancelled');
      expect((await client.runs.get.query({ runId: run.id })).pendingApprovals).toEqual([]);
    });
  });

  describe('cancel', () => {
    it('cancels a running run: the run and its waiting node end cancelled', async () => {
      const graph = await saved(slowDocument());
      const { run } = await startAndWaitFor(graph.id, { day: 'monday' }, 'node.started', 'wait');
      const cancelled = await client.runs.cancel.mutate({ runId: run.id });
      expect(cancelled).toMatchObject({ id: run.id, status: 'cancelled' });
      expect(cancelled.error).toMatchObject({ code: 'CANCELLED' });
      const events = await waitForEvent(client, run.id, isRunEnd);
      expect(events.at(-1)?.type).toBe('run.cancelled');
      const detail = await client.runs.get.query({ runId: run.id });
      expect(detail.run.status).toBe('cancelled');
      expect(detail.nodes.find((node) => node.nodeId === 'wait')?.status).toBe('cancelled');
      expect(detail.nodes.find((node) => node.nodeId === 'result')?.status).not.toBe('succeeded');
    });

    it('refuses to cancel a finished run, which stays as it was', async () => {
      const graph = await saved(routingDocument());
      const { run } = await startAndWaitFor(graph.id, { amount: 5 }, 'run.succeeded');
      const before = await client.runs.get.query({ runId: run.id });
      const error = await rejection(client.runs.cancel.mutate({ runId: run.id }));
      expect(error.data).toMatchObject({ code: 'CONFLICT', errorCode: 'RUN_FINISHED' });
      expect(error.message).toMatch(/already succeeded/);
      expect(await client.runs.get.query({ runId: run.id })).toEqual(before);
    });
  });

  describe('per-user run cap', () => {
    let capped: TestServer;
    beforeAll(async () => {
      capped = await startTestServer({ db: server.db, limits: { maxRunningPerUser: 2 } });
    });
    afterAll(() => capped.stop());

    it('refuses a third concurrent run with TOO_MANY_REQUESTS until one ends', async () => {
      const graph = await saved(slowDocument(), capped.client);
      expect(
        (await capped.client.runs.list.query({ workspaceId: TEST_WORKSPACE, limit: 200 })).filter(
          (r) => r.status === 'running',
        ),
      ).toEqual([]);
      const first = await capped.client.runs.start.mutate({ graphId: graph.id });
      const second = await capped.client.runs.start.mutate({ graphId: graph.id });
      const error = await rejection(capped.client.runs.start.mutate({ graphId: graph.id }));
      expect(error.data).toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        httpStatus: 429,
        errorCode: 'RUN_LIMIT',
      });
      expect(error.message).toMatch(/2 runs running; the limit is 2/);
      const listed = await capped.client.runs.list.query({
        workspaceId: TEST_WORKSPACE,
        graphId: graph.id,
      });
      expect(listed.map((run) => run.id).sort()).toEqual([first.id, second.id].sort());

      await capped.client.runs.cancel.mutate({ runId: first.id });
      const third = await capped.client.runs.start.mutate({ graphId: graph.id });
      expect(third.status).toBe('running');
      for (const run of [second, third]) await capped.client.runs.cancel.mutate({ runId: run.id });
    });
  });
});
