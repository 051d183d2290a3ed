import type { RouterOutputs } from '@beluga/api';
import { openDatabase, type Database } from '@beluga/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from './fixtures.js';
import {
  authCall,
  sessionCookieOf,
  startTestServer,
  testDatabase,
  trpcClient,
  TEST_USER,
  TEST_WORKSPACE,
  type TestServer,
} from './harness.js';

type Update = RouterOutputs['presence']['join'] extends AsyncIterable<infer U> ? U : never;

/** A presence stream over real SSE: every update it got, and a wait for the one a test needs. */
function watch(client: Client, graphId: string, tab: string) {
  const updates: Update[] = [];
  const waiters = new Set<() => void>();
  let failure: Error | undefined;
  const subscription = client.presence.join.subscribe(
    { id: graphId, tab },
    {
      onData: (update) => {
        updates.push(update);
        for (const wake of waiters) wake();
      },
      onError: (error) => {
        failure = error;
        for (const wake of waiters) wake();
      },
    },
  );
  return {
    updates,
    close: () => subscription.unsubscribe(),
    /** Resolves with the first update from the `from`th on (received or to come) that matches. */
    until(match: (update: Update) => boolean, from = 0): Promise<Update> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (failure) return reject(failure);
          const found = updates.slice(from).find(match);
          if (!found) return;
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** The viewers' names, when an update is a viewers list of exactly them. */
const viewersAre =
  (...names: string[]) =>
  (update: Update) =>
    update.type === 'viewers' &&
    JSON.stringify(update.viewers.map((viewer) => viewer.name)) === JSON.stringify(names);

/** A second account, an editor of TEST_WORKSPACE (or a viewer of another workspace). */
async function signUpEditor(server: TestServer, name: string, workspaceId = TEST_WORKSPACE) {
  const email = `${name.toLowerCase()}@example.test`;
  const { token } = await server.client.workspaces.invite.mutate({
    workspaceId,
    email,
    role: workspaceId === TEST_WORKSPACE ? 'editor' : 'viewer',
  });
  const signedUp = await authCall(
    server.url,
    '/sign-up/email',
    { name, email, password: 'a long enough password' },
    { 'x-beluga-invitation': token },
  );
  return sessionCookieOf(signedUp);
}

describe('presence on one server (pglite)', () => {
  let server: TestServer;
  let drop: () => Promise<void>;
  let ana: Client;

  beforeAll(async () => {
    const database = await testDatabase('pglite');
    drop = database.drop;
    server = await startTestServer({ db: database.db });
    ana = trpcClient(server.url, await signUpEditor(server, 'Ana'));
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await drop();
  });

  it("shows who else has the graph open, tells them of each other's saves, and drops a closed stream", async () => {
    const graph = await server.client.graphs.create.mutate({
      workspaceId: TEST_WORKSPACE,
      name: 'Watched',
    });
    const owner = watch(server.client, graph.id, 'owner-tab-1');
    const first = await owner.until(viewersAre(TEST_USER.name));
    expect(first).toMatchObject({
      type: 'viewers',
      viewers: [{ name: TEST_USER.name, editing: false }],
    });
    const theirs = watch(ana, graph.id, 'ana-tab-1');
    await owner.until(viewersAre(TEST_USER.name, 'Ana'));
    await theirs.until(viewersAre(TEST_USER.name, 'Ana'));

    await ana.presence.editing.mutate({ id: graph.id, tab: 'ana-tab-1', editing: true });
    await owner.until(
      (u) => u.type === 'viewers' && u.viewers.some((v) => v.name === 'Ana' && v.editing),
    );
    await ana.graphs.update.mutate({ id: graph.id, baseVersion: 1, document: graph.document });
    const saved = await owner.until((u) => u.type === 'saved');
    expect(saved).toMatchObject({ type: 'saved', version: 2, by: { name: 'Ana' } });

    theirs.close();
    await owner.until(viewersAre(TEST_USER.name), owner.updates.length);
    owner.close();
  });

  it('is refused to someone who cannot read the graph, and to nobody signed in', async () => {
    const graph = await server.client.graphs.create.mutate({
      workspaceId: TEST_WORKSPACE,
      name: 'Private',
    });
    const signedOut = watch(trpcClient(server.url), graph.id, 'signed-out-tab');
    await expect(signedOut.until(() => true)).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
    signedOut.close();
    const other = await server.client.workspaces.create.mutate({ name: 'Elsewhere' });
    const outsider = trpcClient(server.url, await signUpEditor(server, 'Otto', other.workspaceId));
    const refused = watch(outsider, graph.id, 'outsider-tab');
    await expect(refused.until(() => true)).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    refused.close();
  });
});

// Two API servers on one PostgreSQL database, each with its own Database (pool + LISTEN
// connection): viewers cross between them only through NOTIFY.
describe('presence across two servers on one postgres database', () => {
  let a: TestServer;
  let b: TestServer;
  let second: Database;
  let drop: () => Promise<void>;
  let anaOnB: Client;

  beforeAll(async () => {
    const database = await testDatabase('postgres');
    drop = database.drop;
    second = await openDatabase({ url: database.url });
    a = await startTestServer({ db: database.db, instanceId: 'presence-a' });
    b = await startTestServer({ db: second, instanceId: 'presence-b' });
    anaOnB = trpcClient(b.url, await signUpEditor(a, 'Ana'));
  }, 60_000);
  afterAll(async () => {
    await b.stop();
    await a.stop();
    await second.close();
    await drop();
  });

  it("each server sees the other's viewers and saves, and drops them when their stream closes", async () => {
    const graph = await a.client.graphs.create.mutate({
      workspaceId: TEST_WORKSPACE,
      name: 'Across servers',
    });
    const onA = watch(a.client, graph.id, 'owner-tab-1');
    await onA.until(viewersAre(TEST_USER.name));
    const onB = watch(anaOnB, graph.id, 'ana-tab-1');
    // B asks the others for their viewers as its first one joins: no heartbeat to wait for.
    await onB.until(viewersAre(TEST_USER.name, 'Ana'));
    await onA.until(viewersAre(TEST_USER.name, 'Ana'));

    await anaOnB.graphs.update.mutate({ id: graph.id, baseVersion: 1, document: graph.document });
    expect(await onA.until((u) => u.type === 'saved')).toMatchObject({
      version: 2,
      by: { name: 'Ana' },
    });

    onB.close();
    await onA.until(viewersAre(TEST_USER.name), onA.updates.length);
    onA.close();
  });
});
