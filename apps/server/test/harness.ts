import {
  createApiServices,
  createAuth,
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

/** The workspace startTestServer's user owns on every database: tests make their graphs there. */
export const TEST_WORKSPACE = 'ws-test';
/** The account tests sign in with (the first one: it owns the instance). */
export const TEST_USER = {
  name: 'Test Owner',
  email: 'owner@example.test',
  password: 'correct horse battery staple',
};

export interface TestServer {
  url: string;
  /** Signed in as TEST_USER, an owner of TEST_WORKSPACE. */
  client: TRPCClient<AppRouter>;
  /** TEST_USER's session cookie (`name=value`). */
  cookie: string;
  /** TEST_USER's id. */
  userId: string;
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
  /** Local runs the server executes at once (the orchestrator's capacity). */
  maxActiveRuns?: number;
  temporal?: ApiTemporalOptions;
  /** The app's log and /metrics (the observability suites). */
  app?: Pick<AppOptions, 'logger' | 'metrics' | 'traceProxy'>;
  /** Recent traces (runs.trace). */
  traces?: TraceReader;
  /** The services' run log lines. */
  info?: (message: string, fields: Record<string, unknown>) => void;
  /** Sign-in attempts per client address per minute (default: high enough never to count). */
  signInPerMinute?: number;
  /** Sign-up policy after the first account (default `invite`). */
  signUp?: 'invite' | 'open';
}

/** The real express app with the real API on a free port, and a tRPC client over real HTTP/SSE. */
export async function startTestServer(options: StartTestServerOptions): Promise<TestServer> {
  const services = await createApiServices({
    db: options.db,
    instanceId: options.instanceId ?? `test-${process.pid}-${Math.random().toString(36).slice(2)}`,
    network: { allowPrivateNetworks: options.allowPrivateNetworks ?? false },
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.runLeaseMs ? { runLeaseMs: options.runLeaseMs } : {}),
    ...(options.maxActiveRuns ? { maxActiveRuns: options.maxActiveRuns } : {}),
    ...(options.temporal ? { temporal: options.temporal } : {}),
    ...(options.info ? { info: options.info } : {}),
    ...(options.traces ? { traces: options.traces } : {}),
  });
  const auth = createAuth({
    db: options.db,
    secret: 'a test secret of more than thirty-two characters',
    signInPerMinute: options.signInPerMinute ?? 10_000,
    ...(options.signUp ? { signUp: options.signUp } : {}),
  });
  const app = createApp({
    ...options.app,
    api: { services, db: options.db, auth },
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { cookie } = await signIn(url);
  const userId = await userIdOf(url, cookie);
  if (!(await options.db.teams.roleOf(TEST_WORKSPACE, userId)))
    await options.db.teams.createWorkspace({ id: TEST_WORKSPACE, name: 'Tests', ownerId: userId });
  return {
    url,
    db: options.db,
    services,
    http: server,
    cookie,
    userId,
    client: trpcClient(url, cookie),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  };
}

/** Calls an /api/auth endpoint as the web page does (same origin, JSON). */
export async function authCall(
  url: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, ...headers },
    body: JSON.stringify(body),
  });
}

/** The `name=value` of the session cookie a sign-in or sign-up answer sets. */
export function sessionCookieOf(response: Response): string {
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.startsWith('beluga.session_token='));
  if (!cookie) throw new Error(`no session cookie in the answer (HTTP ${response.status})`);
  return cookie;
}

/**
 * Signs in as `user` (TEST_USER by default), signing it up first when the server has no such
 * account. Resolves with the session cookie.
 */
export async function signIn(
  url: string,
  user: { name: string; email: string; password: string } = TEST_USER,
): Promise<{ cookie: string }> {
  const signedIn = await authCall(url, '/sign-in/email', {
    email: user.email,
    password: user.password,
  });
  if (signedIn.ok) return { cookie: sessionCookieOf(signedIn) };
  const signedUp = await authCall(url, '/sign-up/email', user);
  if (!signedUp.ok)
    throw new Error(
      `could not sign up ${user.email}: HTTP ${signedUp.status} ${await signedUp.text()}`,
    );
  return { cookie: sessionCookieOf(signedUp) };
}

async function userIdOf(url: string, cookie: string): Promise<string> {
  const { user } = await trpcClient(url, cookie).account.me.query();
  return user.id;
}

/** Signs in (see signIn) and answers a client with the user's first workspace. */
export async function signedInClient(
  url: string,
): Promise<{ client: TRPCClient<AppRouter>; workspaceId: string; cookie: string }> {
  const { cookie } = await signIn(url);
  const client = trpcClient(url, cookie);
  const { workspaces } = await client.account.me.query();
  const workspace = workspaces.find((w) => w.role === 'owner') ?? workspaces[0];
  if (!workspace) throw new Error('the signed-in user has no workspace');
  return { client, workspaceId: workspace.workspaceId, cookie };
}

/**
 * A tRPC client as the web app makes it: batched HTTP for calls, SSE for subscriptions; with a
 * session cookie, signed in (and same-origin, as the web page is).
 */
export function trpcClient(url: string, cookie?: string): TRPCClient<AppRouter> {
  const headers: Record<string, string> = cookie ? { cookie, origin: url } : {};
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: `${url}/trpc`,
          EventSource,
          eventSourceOptions: {
            fetch: (input, init) =>
              fetch(input, { ...init, headers: { ...init?.headers, ...headers } }),
          },
        }),
        false: httpBatchLink({ url: `${url}/trpc`, headers }),
      }),
    ],
  });
}
