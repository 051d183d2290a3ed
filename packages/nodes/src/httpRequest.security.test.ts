import { OrchestratorError } from '@beluga/orchestration';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/httpTestServer.js';
import { testContext } from '../test/nodeContext.js';
import { createHttpRequestNode, HttpRequestConfigSchema } from './httpRequest.js';

const node = createHttpRequestNode({ network: { allowPrivateNetworks: true } });
let server: TestServer | undefined;
afterEach(() => server?.close());

async function request(body: string): Promise<unknown> {
  server = await startTestServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(body);
  });
  const config = HttpRequestConfigSchema.parse({ url: server.origin });
  return node.run({ input: undefined, config, context: testContext('http') });
}

describe('http.request JSON the host must handle', () => {
  // 20 KB of brackets: V8 parses it, but JSON.stringify and structuredClone of the result overflow.
  it('refuses a JSON body nested deeper than the host can serialise', async () => {
    const error: unknown = await request(`${'['.repeat(10_000)}${']'.repeat(10_000)}`).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OrchestratorError);
    expect(error).toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      op: 'node:http.request',
      retryable: false,
      message: expect.stringMatching(/nested deeper than 1000 levels/) as unknown,
    });
  });

  it('parses JSON nested within the limit', async () => {
    const output = (await request(`${'['.repeat(900)}1${']'.repeat(900)}`)) as { body: unknown };
    expect(() => structuredClone(output.body)).not.toThrow();
  });
});
