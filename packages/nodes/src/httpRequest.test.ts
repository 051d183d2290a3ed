import type { IncomingMessage } from 'node:http';
import { OrchestratorError, type NodeContext } from '@beluga/orchestration';
import { afterEach, describe, expect, it } from 'vitest';
import { deferred, startTestServer, type TestServer } from '../test/httpTestServer.js';
import { createHttpRequestNode, HttpRequestConfigSchema } from './httpRequest.js';
import { createGuardedFetch } from './network/guardedFetch.js';

const SECRET = 'Bearer sk-live-0123456789abcdef';
const open = createHttpRequestNode({ network: { allowPrivateNetworks: true } });
const guarded = createHttpRequestNode({ network: { allowPrivateNetworks: false } });

function contextWith(signal = new AbortController().signal): NodeContext {
  return {
    signal,
    runId: 'run-1',
    nodeId: 'http',
    attempt: 1,
    progress: () => undefined,
    waiting: () => undefined,
    // The node never touches tracing; @opentelemetry/api is not a dependency of this package.
    traceContext: undefined as unknown as NodeContext['traceContext'],
  };
}

function run(
  node = open,
  config: Record<string, unknown>,
  input?: unknown,
  signal?: AbortSignal,
): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
  const parsed = HttpRequestConfigSchema.parse(config);
  return node.run({ input, config: parsed, context: contextWith(signal) }) as Promise<never>;
}

function failure(promise: Promise<unknown>): Promise<OrchestratorError> {
  return promise.then(
    () => expect.fail('expected the request to fail'),
    (error: unknown) => {
      expect(error).toBeInstanceOf(OrchestratorError);
      return error as OrchestratorError;
    },
  );
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Echoes the request (method, url, headers, body) as JSON, with the status asked in ?status=. */
async function startEcho(): Promise<TestServer> {
  return startTestServer((request, response) => {
    void bodyOf(request).then((body) => {
      const status = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('status'));
      response.writeHead(status || 200, { 'content-type': 'application/json' });
      const { method, url, headers } = request;
      response.end(JSON.stringify({ method, url, headers, body }));
    });
  });
}

describe('HttpRequestConfigSchema', () => {
  it('fills the defaults, and the editor default config is valid', () => {
    const config = HttpRequestConfigSchema.parse(open.ui.defaultConfig);
    expect(config).toEqual({
      method: 'GET',
      url: 'https://example.com/',
      headers: {},
      timeoutMs: 30_000,
      maxResponseBytes: 5 * 1024 * 1024,
      responseType: 'auto',
      failOnHttpError: true,
    });
  });

  it.each([
    [{ url: 'ftp://example.com/' }, 'url'],
    [{ url: 'not a url' }, 'url'],
    [{ url: 'https://x/', method: 'GET', body: { a: 1 } }, 'body'],
    [{ url: 'https://x/', headers: { authorization: 'a\r\nx-injected: 1' } }, 'headers'],
    [{ url: 'https://x/', maxResponseBytes: 51 * 1024 * 1024 }, 'maxResponseBytes'],
    [{ url: 'https://x/', timeoutMs: 300_001 }, 'timeoutMs'],
  ])('rejects %j at %s', (config, field) => {
    const result = HttpRequestConfigSchema.safeParse(config);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });

  it('accepts placeholders anywhere in the URL', () => {
    expect(HttpRequestConfigSchema.safeParse({ url: 'https://{{h}}/a/{{b.c}}' }).success).toBe(
      true,
    );
  });
});

describe('http.request against a local server (private networks allowed)', () => {
  it('GETs JSON, parsing it by content-type, with the configured headers', async () => {
    server = await startEcho();
    const output = await run(open, {
      url: `${server.origin}/items`,
      headers: { 'x-api-key': 'k-1' },
    });
    expect(output.status).toBe(200);
    expect(output.headers['content-type']).toBe('application/json');
    expect(output.body).toMatchObject({
      method: 'GET',
      url: '/items',
      headers: { 'x-api-key': 'k-1' },
    });
  });

  it('POSTs the node input as JSON when the config has no body', async () => {
    server = await startEcho();
    const output = await run(open, { method: 'POST', url: server.origin }, { name: 'Ada' });
    expect(output.body).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"Ada"}',
    });
  });

  it('sends a configured body: text as is, JSON serialised', async () => {
    server = await startEcho();
    const text = await run(open, { method: 'PUT', url: server.origin, body: 'plain' }, { x: 1 });
    expect(text.body).toMatchObject({
      body: 'plain',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    const json = await run(open, { method: 'PATCH', url: server.origin, body: [1, 2] });
    expect(json.body).toMatchObject({ body: '[1,2]' });
  });

  it('fills URL placeholders from the input, encoded so they cannot change the path', async () => {
    server = await startEcho();
    const url = `${server.origin}/users/{{user.id}}?q={{q}}`;
    const output = await run(open, { url }, { user: { id: '../admin' }, q: 'a b&c=d' });
    expect(output.body).toMatchObject({ url: '/users/..%2Fadmin?q=a%20b%26c%3Dd' });
  });

  it('refuses a placeholder the input does not fill, and never follows the prototype', async () => {
    const error = await failure(run(open, { url: 'https://example.com/{{constructor.name}}' }, {}));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'url', retryable: false });
  });

  it('reads text, and fails clearly on invalid JSON when JSON is asked for', async () => {
    server = await startTestServer((_request, response) => response.end('not json'));
    expect((await run(open, { url: server.origin })).body).toBe('not json');
    const error = await failure(run(open, { url: server.origin, responseType: 'json' }));
    expect(error).toMatchObject({
      code: 'EXECUTION_FAILED',
      retryable: false,
      field: 'responseType',
    });
    expect(error.message).toMatch(/not valid JSON/);
  });

  it.each([
    [500, true],
    [503, true],
    [429, true],
    [404, false],
    [400, false],
  ])(
    'fails on HTTP %i (retryable: %s) with the status and a body preview',
    async (status, retryable) => {
      server = await startEcho();
      const error = await failure(run(open, { url: `${server.origin}/?status=${status}` }));
      expect(error).toMatchObject({ code: 'EXECUTION_FAILED', retryable, details: { status } });
      expect(error.details?.bodyPreview).toContain('"method":"GET"');
    },
  );

  it('outputs an HTTP error like any status with failOnHttpError false', async () => {
    server = await startEcho();
    const output = await run(open, { url: `${server.origin}/?status=404`, failOnHttpError: false });
    expect(output).toMatchObject({ status: 404, body: { method: 'GET' } });
  });

  it('stops an endless response at maxResponseBytes and ends the request', async () => {
    const closed = deferred();
    server = await startTestServer((_request, response) => {
      const chunk = Buffer.alloc(16 * 1024, 97);
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
      };
      response.on('drain', pump).on('close', () => closed.resolve());
      pump();
    });
    const error = await failure(run(open, { url: server.origin, maxResponseBytes: 100_000 }));
    expect(error).toMatchObject({ code: 'RESOURCE_EXHAUSTED', retryable: false });
    await closed.promise; // the server saw the connection end: nothing is still streaming
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-length': '1000000' }).write('x');
    });
    const error = await failure(run(open, { url: server.origin, maxResponseBytes: 1000 }));
    expect(error).toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      details: { contentLength: 1_000_000 },
    });
  });

  it('times out on a server that never answers (TIMEOUT, retryable)', async () => {
    server = await startTestServer(() => undefined);
    const error = await failure(run(open, { url: server.origin, timeoutMs: 150 }));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });

  it('stops when the run signal aborts, keeping the engine reason', async () => {
    server = await startTestServer(() => undefined);
    const controller = new AbortController();
    const pending = failure(run(open, { url: server.origin }, undefined, controller.signal));
    await expect.poll(() => server?.requests.length).toBe(1);
    const reason = new OrchestratorError({
      code: 'CANCELLED',
      op: 'graph.invoke',
      message: 'stop',
    });
    controller.abort(reason);
    expect(await pending).toBe(reason);
  });

  it('reports a refused connection as retryable EXECUTION_FAILED', async () => {
    const gone = await startTestServer(() => undefined);
    await gone.close();
    const error = await failure(run(open, { url: gone.origin }));
    expect(error).toMatchObject({
      code: 'EXECUTION_FAILED',
      retryable: true,
      details: { errorCode: 'ECONNREFUSED' },
    });
  });
});

describe('http.request with the default network policy', () => {
  it.each(['127.0.0.1', 'localhost'])('refuses %s without connecting', async (host) => {
    server = await startEcho();
    const error = await failure(run(guarded, { url: `http://${host}:${server.port}/` }));
    expect(error).toMatchObject({
      code: 'INVALID_CONFIG',
      op: 'node:http.request',
      retryable: false,
    });
    expect(error.details).toMatchObject({ host, reason: 'loopback' });
    expect(server.connections).toBe(0);
  });

  it('names itself in refusals even through a shared client', async () => {
    const node = createHttpRequestNode({
      network: {},
      fetch: createGuardedFetch({ allowPrivateNetworks: false }),
    });
    const error = await failure(run(node, { url: 'http://10.0.0.1/' }));
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', op: 'node:http.request' });
  });
});

describe('the Authorization header', () => {
  const headers = { authorization: SECRET };

  async function errors(): Promise<OrchestratorError[]> {
    const echo = await startEcho(); // echoes request headers into its error body
    const silent = await startTestServer(() => undefined);
    const gone = await startTestServer(() => undefined);
    await gone.close();
    try {
      return await Promise.all([
        failure(run(guarded, { url: `${echo.origin}/`, headers })),
        failure(run(open, { url: `${echo.origin}/?status=500`, headers })),
        failure(run(open, { url: silent.origin, headers, timeoutMs: 100 })),
        failure(run(open, { url: gone.origin, headers })),
      ]);
    } finally {
      await Promise.all([echo.close(), silent.close()]);
    }
  }

  it('never appears in error messages or error details', async () => {
    const seen = await errors();
    expect(seen.map((error) => error.code)).toEqual([
      'INVALID_CONFIG',
      'EXECUTION_FAILED',
      'TIMEOUT',
      'EXECUTION_FAILED',
    ]);
    for (const error of seen) {
      expect(JSON.stringify(error.toJSON())).not.toContain('sk-live');
      expect(error.stack ?? '').not.toContain('sk-live');
    }
  });
});
