import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deferred, startTestServer, type TestServer } from '../../test/httpTestServer.js';
import { createGuardedFetch } from './guardedFetch.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer((request, response) => {
    response.setHeader('content-type', 'text/plain');
    response.end(`hello ${request.url ?? ''}`);
  });
});
afterEach(() => server.close());

/** Loopback spellings that all reach the local server when allowed. */
function loopbackUrls(): string[] {
  const { port, dualStack } = server;
  const v4 = [`127.0.0.1:${port}`, `localhost:${port}`, `127.1:${port}`, `2130706433:${port}`];
  const more = [`0x7f.0.0.1:${port}`, `0.0.0.0:${port}`];
  const v6 = dualStack ? [`[::1]:${port}`, `[::ffff:127.0.0.1]:${port}`] : [];
  return [...v4, ...more, ...v6].map((host) => `http://${host}/`);
}

describe('createGuardedFetch with the default policy', () => {
  const guardedFetch = createGuardedFetch({ allowPrivateNetworks: false });

  it('refuses every loopback spelling without connecting', async () => {
    for (const url of loopbackUrls()) {
      await expect(guardedFetch(url), url).rejects.toMatchObject({
        name: 'OrchestratorError',
        code: 'INVALID_CONFIG',
        retryable: false,
        details: { reason: expect.stringMatching(/loopback|unspecified/) as unknown },
      });
    }
    expect(server.connections).toBe(0);
  });

  it('refuses localhost after DNS resolution, naming the address it resolved to', async () => {
    const error: unknown = await guardedFetch(`http://localhost:${server.port}/`).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ details: { host: 'localhost', reason: 'loopback' } });
    expect((error as Error).message).toMatch(/"localhost" \(resolved to (127\.0\.0\.1|::1)\)/);
    expect(server.connections).toBe(0);
  });

  it.each([
    ['http://[::1]/', 'loopback'],
    ['http://169.254.169.254/latest/meta-data', 'linkLocal'],
    ['http://10.0.0.1/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://[fd00::1]/', 'uniqueLocal'],
    ['http://100.64.0.1/', 'carrierGradeNat'],
    ['https://[::ffff:10.0.0.1]/', 'private'],
  ])('refuses %s (%s) before any connection', async (url, reason) => {
    await expect(guardedFetch(url)).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      details: { reason },
    });
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/x', 'data:text/plain,hi', 'blob:x'])(
    'refuses the scheme of %s',
    async (url) => {
      await expect(guardedFetch(url)).rejects.toMatchObject({
        code: 'INVALID_CONFIG',
        message: expect.stringMatching(/only http: and https:/) as unknown,
      });
    },
  );

  it('refuses credentials in the URL without repeating them', async () => {
    const error: unknown = await guardedFetch('https://user:s3cret@example.com/').catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'INVALID_CONFIG' });
    expect(JSON.stringify(error) + String(error)).not.toContain('s3cret');
  });
});

describe('createGuardedFetch with allowPrivateNetworks', () => {
  const guardedFetch = createGuardedFetch({ allowPrivateNetworks: true });

  // The control for the refusals above: the same URLs really reach the server.
  it('reaches the local server through every loopback spelling', async () => {
    for (const url of loopbackUrls()) {
      const response = await guardedFetch(url);
      expect(await response.text(), url).toBe('hello /');
    }
    expect(server.requests).toHaveLength(loopbackUrls().length);
  });

  it('streams the body as the server writes it', async () => {
    const secondChunk = deferred();
    const streaming = await startTestServer((_request, response) => {
      response.write('first');
      void secondChunk.promise.then(() => response.end('second'));
    });
    try {
      const response = await guardedFetch(streaming.origin);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      const first = await reader.read();
      expect(decoder.decode(first.value as Uint8Array)).toBe('first');
      secondChunk.resolve(); // only now does the server write the rest
      const second = await reader.read();
      expect(decoder.decode(second.value as Uint8Array)).toBe('second');
      expect((await reader.read()).done).toBe(true);
    } finally {
      await streaming.close();
    }
  });

  it('turns a 303 after POST into a GET without the body', async () => {
    const target = await startTestServer((request, response) => {
      if (request.url === '/form') response.writeHead(303, { location: '/done' }).end();
      else response.end(`${request.method ?? ''} ${request.url ?? ''}`);
    });
    try {
      const response = await guardedFetch(`${target.origin}/form`, { method: 'POST', body: 'a=1' });
      expect(await response.text()).toBe('GET /done');
    } finally {
      await target.close();
    }
  });

  it('drops credentials when a redirect leaves the origin, keeps them within it', async () => {
    const other = await startTestServer((_request, response) => response.end('other'));
    const origin = await startTestServer((request, response) => {
      const to = request.url === '/away' ? `${other.origin}/x` : '/here';
      if (request.url === '/here') response.end('here');
      else response.writeHead(302, { location: to }).end();
    });
    try {
      const headers = { authorization: 'Bearer token-1', 'x-trace': 't' };
      await (await guardedFetch(`${origin.origin}/stay`, { headers })).text();
      await (await guardedFetch(`${origin.origin}/away`, { headers })).text();
      expect(origin.headers[1]?.authorization).toBe('Bearer token-1');
      expect(other.headers[0]?.authorization).toBeUndefined();
      expect(other.headers[0]?.['x-trace']).toBeUndefined();
    } finally {
      await Promise.all([origin.close(), other.close()]);
    }
  });

  it('returns the redirect itself with redirect: manual', async () => {
    const target = await startTestServer((_request, response) => {
      response.writeHead(301, { location: '/elsewhere' }).end();
    });
    try {
      const response = await guardedFetch(target.origin, { redirect: 'manual' });
      expect(response.status).toBe(301);
      expect(response.headers.get('location')).toBe('/elsewhere');
    } finally {
      await target.close();
    }
  });
});

describe('createGuardedFetch redirects under a policy', () => {
  it('refuses a redirect from an allowed host to a refused address, re-checking the hop', async () => {
    const internal = await startTestServer((_request, response) => response.end('secret'));
    const allowed = await startTestServer((request, response) => {
      const to = request.url === '/dns' ? `http://localhost:${internal.port}/` : internal.origin;
      response.writeHead(302, { location: to }).end();
    });
    // Only the first server is exempt, as a public host would be: the hop must be checked again.
    const guardedFetch = createGuardedFetch({ allowedHosts: [`127.0.0.1:${allowed.port}`] });
    try {
      await expect(guardedFetch(`${allowed.origin}/ip`)).rejects.toMatchObject({
        code: 'INVALID_CONFIG',
        details: { address: '127.0.0.1', reason: 'loopback' },
      });
      await expect(guardedFetch(`${allowed.origin}/dns`)).rejects.toMatchObject({
        code: 'INVALID_CONFIG',
        details: { host: 'localhost', reason: 'loopback' },
      });
      expect(allowed.requests).toEqual(['GET /ip', 'GET /dns']);
      expect(internal.connections).toBe(0);
    } finally {
      await Promise.all([internal.close(), allowed.close()]);
    }
  });

  it('gives up after maxRedirects hops', async () => {
    const loop = await startTestServer((_request, response) => {
      response.writeHead(307, { location: '/again' }).end();
    });
    const guardedFetch = createGuardedFetch({ allowPrivateNetworks: true }, { maxRedirects: 3 });
    try {
      await expect(guardedFetch(loop.origin)).rejects.toMatchObject({
        code: 'EXECUTION_FAILED',
        retryable: false,
        message: 'too many redirects',
      });
      expect(loop.requests).toHaveLength(4);
    } finally {
      await loop.close();
    }
  });

  it('aborts through the signal', async () => {
    const silent = await startTestServer(() => undefined); // never answers
    const guardedFetch = createGuardedFetch({ allowPrivateNetworks: true });
    const controller = new AbortController();
    try {
      const pending = guardedFetch(silent.origin, { signal: controller.signal });
      await expect.poll(() => silent.requests.length).toBe(1);
      controller.abort(new Error('stop'));
      await expect(pending).rejects.toThrow('stop');
    } finally {
      await silent.close();
    }
  });
});
