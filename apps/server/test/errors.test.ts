import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, routingDocument, type Client } from './fixtures.js';
import {
  BACKENDS,
  startTestServer,
  testDatabase,
  type TestServer,
  TEST_WORKSPACE,
} from './harness.js';

const MAX_BODY_BYTES = 64 * 1024;

interface ErrorBody {
  error: {
    message: string;
    code: number;
    data: {
      code: string;
      httpStatus: number;
      path?: string;
      errorCode: string;
      field?: string;
      details?: Record<string, unknown>;
    };
  };
}

/** Whatever went wrong, a client never sees a stack frame or a server file path. */
function expectNothingLeaked(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/\s{4}at /);
  expect(text).not.toMatch(/\bat .*:\d+:\d+/);
  expect(text).not.toMatch(/\/(work|home|usr|tmp|node_modules)\/|file:\/\/|\.[cm]?[jt]s:\d+/);
  expect(text).not.toMatch(/"stack"/);
}

describe.each(BACKENDS)('errors over HTTP on %s', (backend) => {
  let server: TestServer;
  let client: Client;
  let database: Awaited<ReturnType<typeof testDatabase>>;
  beforeAll(async () => {
    database = await testDatabase(backend);
    server = await startTestServer({ db: database.db, maxBodyBytes: MAX_BODY_BYTES });
    client = server.client;
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  async function send(
    method: 'GET' | 'POST',
    path: string,
    options: { input?: unknown; body?: string } = {},
  ): Promise<{ status: number; body: unknown }> {
    const query =
      options.input === undefined
        ? ''
        : `?input=${encodeURIComponent(JSON.stringify(options.input))}`;
    const response = await fetch(`${server.url}/trpc/${path}${query}`, {
      method,
      headers: {
        cookie: server.cookie,
        origin: server.url,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: options.body }),
    });
    const body: unknown = await response.json();
    expectNothingLeaked(body);
    return { status: response.status, body };
  }

  const post = (path: string, body: string) => send('POST', path, { body });
  const errorOf = (body: unknown) => (body as ErrorBody).error;

  async function graphAtVersion2() {
    const created = await client.graphs.create.mutate({
      workspaceId: TEST_WORKSPACE,
      name: 'Order routing',
    });
    return client.graphs.update.mutate({
      id: created.id,
      baseVersion: 1,
      document: routingDocument(),
    });
  }

  /** The graph, its versions and the graph list as a user would re-read them. */
  async function snapshot(id: string) {
    return {
      graph: await client.graphs.get.query({ id }),
      versions: await client.versions.list.query({ graphId: id }),
      list: await client.graphs.list.query({ workspaceId: TEST_WORKSPACE, limit: 200 }),
    };
  }

  describe('the HTTP layer', () => {
    it('refuses a body over the cap with 413 PAYLOAD_TOO_LARGE, the graph untouched', async () => {
      const graph = await graphAtVersion2();
      const before = await snapshot(graph.id);
      const document = {
        ...routingDocument(),
        nodes: routingDocument().nodes.map((node) => ({ ...node, label: 'x'.repeat(400) })),
      };
      document.nodes.push(
        ...Array.from({ length: 200 }, (_, i) => ({
          id: `note${i}`,
          type: 'transform',
          position: { x: i, y: i },
          label: 'y'.repeat(400),
          config: { expression: '$' },
        })),
      );
      const body = JSON.stringify({ id: graph.id, baseVersion: 2, document });
      expect(body.length).toBeGreaterThan(MAX_BODY_BYTES);
      const { status, body: answer } = await post('graphs.update', body);
      expect(status).toBe(413);
      expect(errorOf(answer).data).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        httpStatus: 413,
        errorCode: 'PAYLOAD_TOO_LARGE',
      });
      expect(await snapshot(graph.id)).toEqual(before);
    });

    it('refuses a malformed JSON body with 400, creating nothing', async () => {
      const before = await client.graphs.list.query({ workspaceId: TEST_WORKSPACE, limit: 200 });
      const { status, body } = await post('graphs.create', '{"name": "Half a req');
      expect(status).toBe(400);
      expect(errorOf(body).data).toMatchObject({ code: 'BAD_REQUEST', path: 'graphs.create' });
      expect(errorOf(body).message).toMatch(/JSON/);
      expect(await client.graphs.list.query({ workspaceId: TEST_WORKSPACE, limit: 200 })).toEqual(
        before,
      );
    });

    it('refuses a GET of a mutation and a POST of a query with 405, creating nothing', async () => {
      const before = await client.graphs.list.query({ workspaceId: TEST_WORKSPACE, limit: 200 });
      const get = await send('GET', 'graphs.create', { input: { name: 'Via GET' } });
      expect(get.status).toBe(405);
      expect(errorOf(get.body).data).toMatchObject({
        code: 'METHOD_NOT_SUPPORTED',
        errorCode: 'METHOD_NOT_SUPPORTED',
      });
      const postQuery = await post('graphs.list', '{}');
      expect(postQuery.status).toBe(405);
      expect(await client.graphs.list.query({ workspaceId: TEST_WORKSPACE, limit: 200 })).toEqual(
        before,
      );
    });

    it('answers 404 for a procedure that does not exist', async () => {
      const { status, body } = await post('graphs.drop', '{}');
      expect(status).toBe(404);
      expect(errorOf(body).data).toMatchObject({ code: 'NOT_FOUND', errorCode: 'NOT_FOUND' });
    });

    it('maps each error to its HTTP status with the structured data clients branch on', async () => {
      const graph = await graphAtVersion2();
      const before = await snapshot(graph.id);
      const missing = await send('GET', 'graphs.get', { input: { id: 'no-such-graph' } });
      expect(missing.status).toBe(404);
      expect(errorOf(missing.body).message).toBe('Graph "no-such-graph" does not exist');

      const stale = await post(
        'graphs.update',
        JSON.stringify({ id: graph.id, baseVersion: 1, document: routingDocument() }),
      );
      expect(stale.status).toBe(409);
      expect(errorOf(stale.body).data).toMatchObject({
        errorCode: 'CONFLICT',
        details: { current: { id: graph.id, version: 2 } },
      });

      const wrongType = await post(
        'graphs.update',
        JSON.stringify({ id: graph.id, baseVersion: 'two', document: routingDocument() }),
      );
      expect(wrongType.status).toBe(400);
      expect(errorOf(wrongType.body).data).toMatchObject({
        errorCode: 'INVALID_INPUT',
        field: 'baseVersion',
        details: { issues: [expect.objectContaining({ path: 'baseVersion' })] },
      });
      expect(errorOf(wrongType.body).message).toMatch(/^Invalid input at "baseVersion": /);

      const temporal = await post(
        'runs.start',
        JSON.stringify({ graphId: graph.id, executor: 'temporal' }),
      );
      expect(temporal.status).toBe(412);
      expect(await snapshot(graph.id)).toEqual(before);
    });

    it('answers a batch with one result per call, 207 when some fail', async () => {
      const graph = await graphAtVersion2();
      const input = encodeURIComponent(
        JSON.stringify({ 0: { id: graph.id }, 1: { id: 'no-such-graph' } }),
      );
      const response = await fetch(
        `${server.url}/trpc/graphs.get,graphs.get?batch=1&input=${input}`,
        { headers: { cookie: server.cookie } },
      );
      expect(response.status).toBe(207);
      const results = (await response.json()) as [{ result: { data: unknown } }, ErrorBody];
      expectNothingLeaked(results);
      expect(results[0].result.data).toMatchObject({ id: graph.id, version: 2 });
      expect(results[1].error.data).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 });
    });
  });

  describe('input the database cannot store', () => {
    it('refuses U+0000 in ids, names and document text with 400 naming the field', async () => {
      const graph = await graphAtVersion2();
      const before = await snapshot(graph.id);
      const badId = await send('GET', 'graphs.get', { input: { id: `${graph.id}\u0000` } });
      expect(badId.status).toBe(400);
      expect(errorOf(badId.body).data).toMatchObject({ errorCode: 'INVALID_INPUT', field: 'id' });

      const badName = await post(
        'graphs.create',
        JSON.stringify({ workspaceId: TEST_WORKSPACE, name: 'Pay\u0000roll' }),
      );
      expect(badName.status).toBe(400);
      expect(errorOf(badName.body).data).toMatchObject({
        errorCode: 'INVALID_INPUT',
        field: 'name',
      });

      const badDocument = await post(
        'graphs.update',
        JSON.stringify({
          id: graph.id,
          baseVersion: 2,
          document: { ...routingDocument(), description: 'Routes\u0000orders' },
        }),
      );
      expect(badDocument.status).toBe(400);
      expect(errorOf(badDocument.body).data).toMatchObject({
        errorCode: 'INVALID_DOCUMENT',
        field: 'description',
      });
      expect(await snapshot(graph.id)).toEqual(before);
    });

    it('refuses a list cursor outside the dates the database stores', async () => {
      const farFuture = '+275760-09-13T00:00:00.000Z';
      const graphs = await rejection(
        client.graphs.list.query({
          workspaceId: TEST_WORKSPACE,
          cursor: { updatedAt: farFuture, id: 'x' },
        }),
      );
      expect(graphs.data).toMatchObject({
        code: 'BAD_REQUEST',
        errorCode: 'INVALID_INPUT',
        field: 'cursor.updatedAt',
      });
      const runs = await rejection(
        client.runs.list.query({
          workspaceId: TEST_WORKSPACE,
          cursor: { createdAt: farFuture, id: 'x' },
        }),
      );
      expect(runs.data).toMatchObject({ errorCode: 'INVALID_INPUT', field: 'cursor.createdAt' });
    });
  });

  describe('a failure inside the server', () => {
    it('answers 500 "Internal server error" with no detail when the database is gone', async () => {
      await server.db.close();
      const { status, body } = await send('GET', 'graphs.list', { input: {} });
      expect(status).toBe(500);
      expect(errorOf(body)).toEqual({
        message: 'Internal server error',
        code: -32603,
        data: {
          code: 'INTERNAL_SERVER_ERROR',
          httpStatus: 500,
          path: 'graphs.list',
          errorCode: 'INTERNAL_SERVER_ERROR',
        },
      });
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      // Which database failed, not the driver's message (it can name hosts and users).
      expect(await ready.json()).toEqual({
        status: 'unavailable',
        components: {
          database: {
            status: 'unavailable',
            kind: backend,
            message: 'The database did not answer',
          },
          orchestrator: expect.objectContaining({ status: 'ok' }) as unknown,
        },
      });
    });
  });
});
