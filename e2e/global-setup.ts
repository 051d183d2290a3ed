// Signs the owner up on each app server the config starts and keeps the signed-in state per
// server (tests/account.helpers.ts: storageStatePath), so every spec runs as a signed-in user.
import { writeFileSync } from 'node:fs';
import { request, type APIRequestContext, type APIResponse } from '@playwright/test';
import {
  APP_SERVERS,
  OWNER,
  WORKSPACE_KEY,
  appUrl,
  storageStatePath,
  type AppServer,
} from './tests/account.helpers.js';

/**
 * Whether an app server runs: the config's web servers are all up before the global setup, so
 * one that refuses the connection was not started (the bench starts only the main app).
 */
async function isRunning(server: AppServer): Promise<boolean> {
  try {
    await fetch(`${appUrl(server)}/healthz`);
    return true;
  } catch {
    return false;
  }
}

async function data<T>(answer: Promise<APIResponse>): Promise<T> {
  const response = await answer;
  if (!response.ok()) throw new Error(`${response.url()}: ${await response.text()}`);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

/** Signs up the owner (or signs in, if a server already has accounts). */
async function signIn(context: APIRequestContext, baseURL: string): Promise<void> {
  const { needsOwner } = await data<{ needsOwner: boolean }>(context.get('/trpc/account.status'));
  // better-auth refuses a POST whose Origin is not the server's own, as a browser would send it.
  const headers = { Origin: baseURL };
  const response = needsOwner
    ? await context.post('/api/auth/sign-up/email', { headers, data: OWNER })
    : await context.post('/api/auth/sign-in/email', {
        headers,
        data: { email: OWNER.email, password: OWNER.password },
      });
  if (!response.ok())
    throw new Error(
      `signing in at ${baseURL} failed: ${response.status()} ${await response.text()}`,
    );
}

async function saveOwnerState(server: AppServer): Promise<void> {
  const baseURL = appUrl(server);
  const context = await request.newContext({ baseURL });
  try {
    await signIn(context, baseURL);
    const me = await data<{ workspaces: { workspaceId: string }[] }>(
      context.get('/trpc/account.me'),
    );
    const workspaceId = me.workspaces[0]?.workspaceId;
    if (!workspaceId) throw new Error(`the owner has no workspace at ${baseURL}`);
    const state = await context.storageState();
    state.origins = [
      { origin: baseURL, localStorage: [{ name: WORKSPACE_KEY, value: workspaceId }] },
    ];
    writeFileSync(storageStatePath(server), JSON.stringify(state));
  } finally {
    await context.dispose();
  }
}

export default async function globalSetup(): Promise<void> {
  const running = await Promise.all(APP_SERVERS.map(isRunning));
  await Promise.all(APP_SERVERS.filter((_, i) => running[i]).map(saveOwnerState));
}
