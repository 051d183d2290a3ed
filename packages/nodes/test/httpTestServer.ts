import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** A real local HTTP server that records every TCP connection and request it receives. */
export interface TestServer {
  port: number;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Whether it also listens on IPv6 (`[::1]`, `[::ffff:127.0.0.1]` reach it). */
  dualStack: boolean;
  /** TCP connections accepted: a refused request must leave this at 0. */
  connections: number;
  /** `METHOD /path` of each request, in order. */
  requests: string[];
  /** The request headers of each request, in order. */
  headers: IncomingMessage['headers'][];
  close(): Promise<void>;
}

/**
 * Starts a server on port 0 of the loopback interfaces: `::` (dual stack, so IPv4 and IPv6
 * loopback forms both reach it) when the host has IPv6, otherwise 127.0.0.1.
 */
export async function startTestServer(handler: TestHandler): Promise<TestServer> {
  const server = createServer((request, response) => {
    state.requests.push(`${request.method ?? ''} ${request.url ?? ''}`);
    state.headers.push(request.headers);
    handler(request, response);
  });
  const state: TestServer = {
    port: 0,
    origin: '',
    dualStack: true,
    connections: 0,
    requests: [],
    headers: [],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  server.on('connection', () => (state.connections += 1));
  state.dualStack = await listen(server, '::').then(
    () => true,
    () => listen(server, '127.0.0.1').then(() => false),
  );
  state.port = (server.address() as AddressInfo).port;
  state.origin = `http://127.0.0.1:${state.port}`;
  return state;
}

function listen(server: ReturnType<typeof createServer>, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** A promise with its resolve function, to let a test step a server handler forward. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
