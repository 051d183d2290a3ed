import type { OrchestratorError, NodeContext } from '@beluga/orchestration';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/httpTestServer.js';
import type { CredentialResolver } from './credentials.js';
import { createHttpRequestNode, HttpRequestConfigSchema } from './httpRequest.js';

const VALUE = 'tok-live-0123456789abcdef';
const asked: { name: string; runId: string }[] = [];
const resolveCredential: CredentialResolver = (name, { runId }) => {
  asked.push({ name, runId });
  return name === 'api' ? VALUE : name === 'login' ? 'ada:s3cret-pass' : undefined;
};
const node = createHttpRequestNode({
  network: { allowPrivateNetworks: true },
  resolveCredential,
});

const context: NodeContext = {
  signal: new AbortController().signal,
  runId: 'run-7',
  nodeId: 'http',
  attempt: 1,
  progress: () => undefined,
  waiting: () => undefined,
  traceContext: undefined as unknown as NodeContext['traceContext'],
};

const run = (config: Record<string, unknown>, on = node) =>
  on.run({ input: undefined, config: HttpRequestConfigSchema.parse(config), context }) as Promise<{
    body: { headers: Record<string, string> };
  }>;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  asked.length = 0;
});

/** Echoes the request headers back, with the status asked in ?status=. */
async function startEcho(): Promise<TestServer> {
  return startTestServer((request, response) => {
    const status = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('status'));
    response.writeHead(status || 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ headers: request.headers }));
  });
}

describe('http.request auth', () => {
  it('sends a bearer credential of the asking run, replacing a configured Authorization', async () => {
    server = await startEcho();
    const output = await run({
      url: server.origin,
      headers: { Authorization: 'Bearer from-the-document' },
      auth: { credential: 'api' },
    });
    expect(server.headers[0]?.authorization).toBe(`Bearer ${VALUE}`);
    expect(output.body.headers.authorization).toBe(`Bearer ${VALUE}`);
    expect(asked).toEqual([{ name: 'api', runId: 'run-7' }]);
  });

  it('sends HTTP Basic from a user:password credential, and a custom header', async () => {
    server = await startEcho();
    await run({ url: server.origin, auth: { credential: 'login', scheme: 'basic' } });
    expect(server.headers[0]?.authorization).toBe(
      `Basic ${Buffer.from('ada:s3cret-pass').toString('base64')}`,
    );
    await run({
      url: server.origin,
      auth: { credential: 'api', scheme: 'header', header: 'X-Api-Key' },
    });
    expect(server.headers[1]?.['x-api-key']).toBe(VALUE);
    expect(server.headers[1]?.authorization).toBeUndefined();
  });

  it('keeps the value out of an HTTP error that echoes it', async () => {
    server = await startEcho();
    for (const auth of [{ credential: 'api' }, { credential: 'login', scheme: 'basic' }]) {
      const error = await run({ url: `${server.origin}/?status=401`, auth }).then(
        () => expect.fail('expected HTTP 401 to fail'),
        (thrown: unknown) => thrown as OrchestratorError,
      );
      const text = JSON.stringify(error.toJSON());
      expect(text).toContain('[redacted]');
      for (const secret of [
        VALUE,
        's3cret-pass',
        Buffer.from('ada:s3cret-pass').toString('base64'),
      ])
        expect(text).not.toContain(secret);
    }
  });

  it('fails naming the credential alone when the run has no such credential', async () => {
    server = await startEcho();
    const error = await run({ url: server.origin, auth: { credential: 'missing' } }).catch(
      (thrown: unknown) => thrown as OrchestratorError,
    );
    expect(error).toMatchObject({
      code: 'INVALID_CONFIG',
      field: 'auth.credential',
      message: 'The credential "missing" is not defined',
    });
    const without = createHttpRequestNode({ network: { allowPrivateNetworks: true } });
    await expect(run({ url: server.origin, auth: { credential: 'api' } }, without)).rejects.toThrow(
      'The credential "api" is not defined',
    );
    expect(server.connections).toBe(0);
  });

  it('sends nothing for an emptied auth group, and needs a header name with the header scheme', async () => {
    server = await startEcho();
    await run({ url: server.origin, auth: {} });
    expect(server.headers[0]?.authorization).toBeUndefined();
    expect(asked).toEqual([]);
    const refused = HttpRequestConfigSchema.safeParse({
      url: 'https://x/',
      auth: { credential: 'api', scheme: 'header' },
    });
    expect(refused.error?.issues[0]?.path).toEqual(['auth', 'header']);
  });
});
