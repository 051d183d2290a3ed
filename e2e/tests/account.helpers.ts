import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type APIRequestContext } from '@playwright/test';

/** The account global-setup.ts signs up first on every app server: it owns each instance. */
export const OWNER = {
  name: 'E2E Owner',
  email: 'owner@e2e.test',
  password: 'e2e-owner-password',
} as const;

/** The app servers playwright.config.ts starts, each with its own database. */
export type AppServer = 'main' | 'temporal' | 'otel';
export const APP_SERVERS: readonly AppServer[] = ['main', 'temporal', 'otel'];

/** Where an app server listens (set by playwright.config.ts, inherited by every process). */
export function appUrl(server: AppServer): string {
  const url = {
    main: `http://127.0.0.1:${process.env.E2E_PORT}`,
    temporal: process.env.E2E_TEMPORAL_APP_URL,
    otel: process.env.E2E_OTEL_APP_URL,
  }[server];
  if (!url) throw new Error(`no URL for the ${server} app server: load playwright.config.ts`);
  return url;
}

/**
 * The owner's signed-in browser state for one server: the session cookie, and the workspace
 * the app opens in (cookies ignore ports, so each server needs its own file, and a context
 * talks to one server only).
 */
export function storageStatePath(server: AppServer): string {
  const dir = process.env.E2E_AUTH_DIR;
  if (!dir) throw new Error('E2E_AUTH_DIR is not set: load playwright.config.ts');
  return join(dir, `${server}.json`);
}

/** The localStorage key of the web app's current workspace (features/workspaces). */
export const WORKSPACE_KEY = 'beluga.workspace';

/** The owner's workspace on a server, as global-setup.ts read it from account.me. */
export function ownerWorkspaceId(server: AppServer = 'main'): string {
  const state = JSON.parse(readFileSync(storageStatePath(server), 'utf8')) as {
    origins: { localStorage: { name: string; value: string }[] }[];
  };
  const saved = state.origins
    .flatMap((origin) => origin.localStorage)
    .find((item) => item.name === WORKSPACE_KEY);
  if (!saved) throw new Error(`no workspace in ${storageStatePath(server)}`);
  return saved.value;
}

/** A tRPC query over HTTP with the request context's cookies; its data, or the test fails. */
export async function trpcQuery<T>(
  request: APIRequestContext,
  path: string,
  input: unknown,
  base = '',
): Promise<T> {
  const response = await request.get(
    `${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
  );
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

/** A tRPC mutation over HTTP with the request context's cookies; its data, or the test fails. */
export async function trpcMutation<T>(
  request: APIRequestContext,
  path: string,
  input: unknown,
  base = '',
): Promise<T> {
  const response = await request.post(`${base}/trpc/${path}`, { data: input });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}
