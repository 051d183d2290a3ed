import type { LookupAddress } from 'node:dns';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/httpTestServer.js';
import { createGuardedConnector, createGuardedLookup, type Resolver } from './guardedConnector.js';

const op = 'node:http.request';

/** A resolver answering fixed addresses: stands in for DNS, which tests only have for localhost. */
function answering(...addresses: string[]): Resolver {
  const answer: LookupAddress[] = addresses.map((address) => ({
    address,
    family: address.includes(':') ? 6 : 4,
  }));
  return (_hostname, _options, callback) => callback(null, answer);
}

function lookupWith(resolver: Resolver, all: boolean) {
  return new Promise<{ error: unknown; address: unknown; family: unknown }>((resolve) => {
    createGuardedLookup(op, resolver)('api.example', { all }, (error, address, family) =>
      resolve({ error, address, family }),
    );
  });
}

describe('createGuardedLookup', () => {
  it('passes public answers through in the shape net.connect asked for', async () => {
    const resolver = answering('93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c');
    expect(await lookupWith(resolver, false)).toEqual({
      error: null,
      address: '93.184.215.14',
      family: 4,
    });
    const all = await lookupWith(resolver, true);
    expect(all.address).toHaveLength(2);
  });

  it('refuses a host when any of its answers is private (a rebinding answer among public ones)', async () => {
    const { error } = await lookupWith(answering('93.184.215.14', '10.0.0.7'), true);
    expect(error).toMatchObject({
      code: 'INVALID_CONFIG',
      details: { host: 'api.example', address: '10.0.0.7', reason: 'private' },
    });
  });

  it('checks real DNS answers: localhost resolves to loopback', async () => {
    const error = await new Promise((resolve) => {
      createGuardedLookup(op)('localhost', { all: false }, resolve);
    });
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', details: { reason: 'loopback' } });
  });
});

describe('createGuardedConnector', () => {
  let server: TestServer | undefined;
  afterEach(() => server?.close());

  function connect(hostname: string, port: number, allowedHosts: string[] = []) {
    const connector = createGuardedConnector({ policy: { allowedHosts }, op });
    return new Promise<{ error: unknown; socket: unknown }>((resolve) => {
      connector({ hostname, protocol: 'http:', port: String(port) }, (error, socket) => {
        socket?.destroy();
        resolve({ error, socket });
      });
    });
  }

  // net.connect skips `lookup` for IP literals: the connector itself must check them.
  it('refuses an IP literal without opening a connection', async () => {
    server = await startTestServer((_request, response) => response.end());
    const { error } = await connect('127.0.0.1', server.port);
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', details: { reason: 'loopback' } });
    expect(server.connections).toBe(0);
  });

  it('refuses a host name that resolves to loopback without opening a connection', async () => {
    server = await startTestServer((_request, response) => response.end());
    const { error } = await connect('localhost', server.port);
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', details: { host: 'localhost' } });
    expect(server.connections).toBe(0);
  });

  it('connects to a host:port listed in allowedHosts', async () => {
    server = await startTestServer((_request, response) => response.end());
    const { error, socket } = await connect('127.0.0.1', server.port, [`127.0.0.1:${server.port}`]);
    expect(error).toBeNull();
    expect(socket).toBeDefined();
  });
});
