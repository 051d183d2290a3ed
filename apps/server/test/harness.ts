import {
  createApiServices,
  type ApiLimits,
  type ApiServices,
  type ApiTemporalOptions,
  type AppRouter,
  type TraceReader,
} from '@beluga/api';
import { openDatabase, type Database } from '@beluga/db';
import { createTestDatabase, type TestDatabase } from '@beluga/testkit';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from '../src/app.js';

export type Backend = 'pglite' | 'postgres';

/** Both databases every API suite runs against (PostgreSQL from TEST_DATABASE_URL). */
export const BACKENDS: Backend[] = ['pglite', 'postgres'];

/** A throwaway database of the given kind; `url` is set for PostgreSQL. */
export async function testDatabase(
  backend: Backend,
): Promise<{ db: Database; url?: string; drop: () => Promise<void> }> {
  if (backend === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://' });
    return { db, drop: () => db.close() };
  }
  const created: TestDatabase = await createTestDatabase({ prefix: 'beluga_api' });
  const db = await openDatabase({ url: created.url });
  return {
    db,
    url: created.url,
    drop: async () => {
      await db.close();
      await created.drop();
    },
  };
}

export interface TestServer {
  url: string;
  client: TRPCClient<AppRouter>;
  db: Database;
  services: ApiServices;
  /** The HTTP server, e.g. to drop every open connection (`closeAllConnections()`). */
  http: Server;
  /** Stops the HTTP server and the API services (not the database). */
  stop(): Promise<void>;
}

export interface StartTestServerOptions {
  db: Database;
  instanceId?: string;
  limits?: Partial<ApiLimits>;
  maxBodyBytes?: number;
  allowPrivateNetworks?: boolean;
  runLeaseMs?: number;
  temporal?: ApiTemporalOptions;
  /** The app's log and /metrics (the observability suites). */
  app?: Pick<AppOptions, 'logger' | 'metrics' | 'traceProxy'>;
  /** Recent traces (runs.trace). */
  traces?: TraceReader;
  /** The services' run log lines. */
  info?: (message: string, fields: Record<string, unknown>) => void;
}

/** The real express app with the real API on a free port, and a tRPC client over real HTTP/SSE. */
export async function startTestServer(options: StartTestServerOptions): Promise<TestServer> {
  const services = await createApiServices({
    db: options.db,
    instanceId: options.instanceId ?? `test-${process.pid}-${Math.random().toString(36).slice(2)}`,
    network: { allowPrivateNetworks: options.allowPrivateNetworks ?? false },
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.runLeaseMs ? { runLeaseMs: options.runLeaseMs } : {}),
    ...(options.temporal ? { temporal: options.temporal } : {}),
    ...(options.info ? { info: options.info } : {}),
    ...(options.traces ? { traces: options.traces } : {}),
  });
  const app = createApp({
    ...options.app,
    api: { services, db: options.db },
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    db: options.db,
    services,
    http: server,
    client: trpcClient(url),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  };
}

/** A tRPC client as the web app makes it: batched HTTP for calls, SSE for subscriptions. */
export function trpcClient(url: string): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: `${url}/trpc`, EventSource }),
        false: httpBatchLink({ url: `${url}/trpc` }),
      }),
    ],
  });
}
