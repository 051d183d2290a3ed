import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/httpTestServer.js';
import { createGuardedFetch } from './guardedFetch.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function server(handler: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const started = await startTestServer(handler);
  servers.push(started);
  return started;
}

describe('createGuardedFetch: what a cross-origin redirect carries on', () => {
  const guardedFetch = createGuardedFetch({ allowPrivateNetworks: true });

  // http.request treats every configured header value as a possible credential (it redacts them
  // from errors); API keys often travel in headers other than Authorization.
  it('drops custom headers such as x-api-key, keeps content negotiation headers', async () => {
    const other = await server((_request, response) => response.end('other'));
    const origin = await server((_request, response) => {
      response.writeHead(307, { location: `${other.origin}/x` }).end();
    });
    const headers = {
      'x-api-key': 'key-123456',
      'api-key': 'azure-key-7890',
      'private-token': 'gitlab-token',
      accept: 'application/json',
      'user-agent': 'beluga-test',
    };
    await (await guardedFetch(origin.origin, { headers })).text();
    expect(origin.headers[0]?.['x-api-key']).toBe('key-123456');
    const forwarded = other.headers[0] ?? {};
    expect(forwarded['x-api-key']).toBeUndefined();
    expect(forwarded['api-key']).toBeUndefined();
    expect(forwarded['private-token']).toBeUndefined();
    expect(forwarded.accept).toBe('application/json');
    expect(forwarded['user-agent']).toBe('beluga-test');
  });

  it('keeps every header on a same-origin redirect', async () => {
    const origin = await server((request, response) => {
      if (request.url === '/here') response.end('here');
      else response.writeHead(302, { location: '/here' }).end();
    });
    await (await guardedFetch(origin.origin, { headers: { 'x-api-key': 'key-123456' } })).text();
    expect(origin.headers[1]?.['x-api-key']).toBe('key-123456');
  });
});

describe('createGuardedFetch: IPv4-compatible IPv6 literals', () => {
  const guardedFetch = createGuardedFetch({ allowPrivateNetworks: false });

  // WHATWG URL rewrites [::127.0.0.1] to [::7f00:1], which ipaddr.js calls "unicast".
  it.each([
    'http://[::127.0.0.1]/',
    'http://[::7f00:1]/',
    'http://[::a00:1]/',
    'http://[::8.8.8.8]/',
  ])('refuses %s before any connection', async (url) => {
    await expect(guardedFetch(url)).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      details: { reason: 'ipv4Compatible' },
    });
  });
});
