import { hashToken } from '@beluga/api';
import { schema } from '@beluga/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, routingDocument, type Client } from './fixtures.js';
import {
  authCall,
  BACKENDS,
  sessionCookieOf,
  startTestServer,
  testDatabase,
  trpcClient,
  TEST_WORKSPACE,
  type TestServer,
} from './harness.js';

type Role = 'admin' | 'editor' | 'runner' | 'viewer';

/** A new account invited into `workspaceId` with `role` (it also gets a workspace of its own). */
async function addMember(server: TestServer, workspaceId: string, role: Role, name: string) {
  const email = `${name.toLowerCase()}-${workspaceId.slice(0, 8)}@example.test`;
  const { token } = await server.client.workspaces.invite.mutate({ workspaceId, email, role });
  const signedUp = await authCall(
    server.url,
    '/sign-up/email',
    { name, email, password: 'a long enough password' },
    { 'x-beluga-invitation': token },
  );
  const client = trpcClient(server.url, sessionCookieOf(signedUp));
  const me = await client.account.me.query();
  const own = me.workspaces.find((w) => w.role === 'owner');
  return { client, userId: me.user.id, ownWorkspace: own!.workspaceId };
}

/** Calls a query over plain HTTP with an `Authorization: Bearer` header, as a script would. */
function bearerQuery(url: string, path: string, input: unknown, token: string) {
  return fetch(`${url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

describe.each(BACKENDS)('sharing graphs on %s', (backend) => {
  let server: TestServer;
  let owner: Client;
  let drop: () => Promise<void>;
  let partners: string;
  let editor: Awaited<ReturnType<typeof addMember>>;
  let viewer: Awaited<ReturnType<typeof addMember>>;
  const anonymous = () => trpcClient(server.url);

  beforeAll(async () => {
    const database = await testDatabase(backend);
    drop = database.drop;
    server = await startTestServer({ db: database.db, signUp: 'invite' });
    owner = server.client;
    partners = (await owner.workspaces.create.mutate({ name: 'Partners' })).workspaceId;
    editor = await addMember(server, partners, 'editor', 'Edda');
    viewer = await addMember(server, partners, 'viewer', 'Vic');
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await drop();
  });

  /** A graph of TEST_WORKSPACE at version 2. */
  async function savedGraph(name: string) {
    const created = await owner.graphs.create.mutate({ workspaceId: TEST_WORKSPACE, name });
    return owner.graphs.update.mutate({
      id: created.id,
      baseVersion: 1,
      document: { ...routingDocument(), name },
      message: 'Drawn',
    });
  }

  describe('links', () => {
    it('opens that graph read-only to anyone holding the link, and nothing more through it', async () => {
      const graph = await savedGraph('Linked');
      await savedGraph('Not linked');
      const { link, token } = await owner.sharing.createLink.mutate({ id: graph.id });

      const view = await anonymous().shared.view.query({ token });
      expect(Object.keys(view).sort()).toEqual([
        'description',
        'document',
        'name',
        'updatedAt',
        'version',
      ]);
      expect(view).toMatchObject({ name: 'Linked', version: 2, document: { id: graph.id } });
      expect(view.document.nodes.map((n) => n.id)).toContain('large');

      // The link's token is no credential: no graph, version or run procedure accepts it.
      // (Any refusal will do here: an unknown API key is answered 500 for now, not 401.)
      for (const [path, input] of [
        ['graphs.get', { id: graph.id }],
        ['graphs.export', { id: graph.id }],
        ['versions.list', { graphId: graph.id }],
        ['runs.list', { workspaceId: TEST_WORKSPACE, graphId: graph.id }],
        ['sharing.list', { id: graph.id }],
      ] as const) {
        const answer = await bearerQuery(server.url, path, input, token);
        expect(answer.ok).toBe(false);
        expect(await answer.text()).not.toContain('"nodes"');
      }
      const update = await fetch(`${server.url}/trpc/graphs.update`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id: graph.id, baseVersion: 2, document: view.document }),
      });
      expect(update.ok).toBe(false);
      expect((await owner.graphs.get.query({ id: graph.id })).version).toBe(2);

      // Only a hash of the token is stored, and the list never shows it.
      const rows = await server.db.orm.select().from(schema.shareLinks);
      expect(rows.find((row) => row.id === link.id)?.tokenHash).toBe(hashToken(token));
      expect(JSON.stringify(rows)).not.toContain(token);
      const listed = await owner.sharing.list.query({ id: graph.id });
      expect(listed.links).toEqual([expect.objectContaining({ id: link.id, revokedAt: null })]);
      expect(JSON.stringify(listed)).not.toContain(token);
    });

    it('answers NOT_FOUND as soon as the link is revoked, exactly as for an unknown link', async () => {
      const graph = await savedGraph('Revoked');
      const { link, token } = await owner.sharing.createLink.mutate({ id: graph.id });
      expect((await anonymous().shared.view.query({ token })).name).toBe('Revoked');
      await owner.sharing.revokeLink.mutate({ id: graph.id, linkId: link.id });

      const revoked = await rejection(anonymous().shared.view.query({ token }));
      const unknown = await rejection(anonymous().shared.view.query({ token: 'no-such-token' }));
      expect(revoked.data?.code).toBe('NOT_FOUND');
      expect(revoked.message).toBe(unknown.message);
      expect(revoked.data?.code).toBe(unknown.data?.code);
      const again = await rejection(
        owner.sharing.revokeLink.mutate({ id: graph.id, linkId: link.id }),
      );
      expect(again.data?.code).toBe('NOT_FOUND');
      expect((await owner.sharing.list.query({ id: graph.id })).links[0]?.revokedAt).not.toBeNull();
    });

    it('lets a signed-in user import a copy into a workspace where they edit, and only there', async () => {
      const graph = await savedGraph('Copied');
      const { token } = await owner.sharing.createLink.mutate({ id: graph.id });

      const notEditor = await rejection(
        viewer.client.shared.importCopy.mutate({ token, workspaceId: partners }),
      );
      expect(notEditor.data?.code).toBe('FORBIDDEN');
      const signedOut = await rejection(
        anonymous().shared.importCopy.mutate({ token, workspaceId: partners }),
      );
      expect(signedOut.data?.code).toBe('UNAUTHORIZED');

      const copy = await viewer.client.shared.importCopy.mutate({
        token,
        workspaceId: viewer.ownWorkspace,
      });
      expect(copy).toMatchObject({ name: 'Copied', version: 1, workspaceId: viewer.ownWorkspace });
      expect(copy.id).not.toBe(graph.id);
      expect(copy.document.id).toBe(copy.id);
      expect(copy.document.nodes).toEqual(graph.document.nodes);
      // The copy is theirs; the original is as it was.
      await viewer.client.graphs.update.mutate({
        id: copy.id,
        baseVersion: 1,
        document: { ...copy.document, name: 'Mine now' },
      });
      expect((await owner.graphs.get.query({ id: graph.id })).name).toBe('Copied');
    });
  });

  describe('with another workspace', () => {
    it('as viewers: its members read the graph, cannot save it, run it, or see its runs', async () => {
      const graph = await savedGraph('Shared to view');
      const run = await owner.runs.start.mutate({ graphId: graph.id, input: { amount: 5 } });
      await owner.sharing.share.mutate({ id: graph.id, workspaceId: partners, access: 'viewer' });

      const listed = await editor.client.graphs.list.query({ workspaceId: partners });
      expect(listed.find((g) => g.id === graph.id)?.sharedAccess).toBe('viewer');
      expect((await editor.client.graphs.get.query({ id: graph.id })).version).toBe(2);
      const save = await rejection(
        editor.client.graphs.update.mutate({
          id: graph.id,
          baseVersion: 2,
          document: graph.document,
        }),
      );
      expect(save.data?.code).toBe('FORBIDDEN');
      const start = await rejection(editor.client.runs.start.mutate({ graphId: graph.id }));
      expect(start.data?.code).toBe('FORBIDDEN');
      const runView = await rejection(editor.client.runs.get.query({ runId: run.id }));
      expect(runView.data?.code).toBe('NOT_FOUND');
      const theirRuns = await rejection(
        editor.client.runs.list.query({ workspaceId: TEST_WORKSPACE, graphId: graph.id }),
      );
      expect(theirRuns.data?.code).toBe('NOT_FOUND');
      expect(
        await editor.client.runs.list.query({ workspaceId: partners, graphId: graph.id }),
      ).toEqual([]);
    });

    it('as editors: the editors there save it, their viewers only read, nobody there runs or shares it', async () => {
      const graph = await savedGraph('Shared to edit');
      await owner.sharing.share.mutate({ id: graph.id, workspaceId: partners, access: 'editor' });

      const saved = await editor.client.graphs.update.mutate({
        id: graph.id,
        baseVersion: 2,
        document: { ...graph.document, description: 'Edited by a partner' },
        message: 'Partner edit',
      });
      expect(saved.version).toBe(3);
      expect((await owner.graphs.get.query({ id: graph.id })).description).toBe(
        'Edited by a partner',
      );
      const viewerSave = await rejection(
        viewer.client.graphs.update.mutate({
          id: graph.id,
          baseVersion: 3,
          document: graph.document,
        }),
      );
      expect(viewerSave.data?.code).toBe('FORBIDDEN');
      expect((await viewer.client.graphs.get.query({ id: graph.id })).version).toBe(3);
      const start = await rejection(editor.client.runs.start.mutate({ graphId: graph.id }));
      expect(start.data?.code).toBe('FORBIDDEN');

      // Managing the graph's sharing takes its own workspace's admin role.
      for (const call of [
        editor.client.sharing.share.mutate({
          id: graph.id,
          workspaceId: editor.ownWorkspace,
          access: 'editor',
        }),
        editor.client.sharing.createLink.mutate({ id: graph.id }),
        editor.client.sharing.unshare.mutate({ id: graph.id, workspaceId: partners }),
      ])
        expect((await rejection(call)).data?.code).toBe('FORBIDDEN');
      const seen = await editor.client.sharing.list.query({ id: graph.id });
      expect(seen).toMatchObject({ canManage: false, links: [] });
      expect(seen.shares.map((share) => share.workspaceId)).toEqual([partners]);
    });

    it('unsharing takes the access away at once', async () => {
      const graph = await savedGraph('Unshared');
      await owner.sharing.share.mutate({ id: graph.id, workspaceId: partners, access: 'editor' });
      expect((await editor.client.graphs.get.query({ id: graph.id })).name).toBe('Unshared');
      await owner.sharing.unshare.mutate({ id: graph.id, workspaceId: partners });

      const gone = await rejection(editor.client.graphs.get.query({ id: graph.id }));
      expect(gone.data?.code).toBe('NOT_FOUND');
      const listed = await editor.client.graphs.list.query({ workspaceId: partners });
      expect(listed.map((g) => g.id)).not.toContain(graph.id);
      const twice = await rejection(
        owner.sharing.unshare.mutate({ id: graph.id, workspaceId: partners }),
      );
      expect(twice.data?.code).toBe('NOT_FOUND');
    });

    it("refuses the graph's own workspace and a workspace that does not exist", async () => {
      const graph = await savedGraph('Nowhere');
      const own = await rejection(
        owner.sharing.share.mutate({ id: graph.id, workspaceId: TEST_WORKSPACE, access: 'viewer' }),
      );
      expect(own.data).toMatchObject({
        code: 'BAD_REQUEST',
        errorCode: 'SHARE_WITH_OWN_WORKSPACE',
      });
      const unknown = await rejection(
        owner.sharing.share.mutate({
          id: graph.id,
          workspaceId: '00000000-0000-4000-8000-000000000000',
          access: 'viewer',
        }),
      );
      expect(unknown.data?.code).toBe('NOT_FOUND');
      expect((await owner.sharing.list.query({ id: graph.id })).shares).toEqual([]);
    });
  });
});
