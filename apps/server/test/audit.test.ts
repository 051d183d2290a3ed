import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, type Client } from './fixtures.js';
import {
  authCall,
  BACKENDS,
  sessionCookieOf,
  startTestServer,
  testDatabase,
  trpcClient,
  TEST_USER,
  TEST_WORKSPACE,
  type TestServer,
} from './harness.js';

/** A new account invited into `workspaceId` with `role`. */
async function addMember(server: TestServer, workspaceId: string, role: 'admin' | 'editor') {
  const email = `${role}-audit-${workspaceId.slice(0, 8)}@example.test`;
  const { token } = await server.client.workspaces.invite.mutate({ workspaceId, email, role });
  const signedUp = await authCall(
    server.url,
    '/sign-up/email',
    { name: `An ${role}`, email, password: 'a long enough password' },
    { 'x-beluga-invitation': token },
  );
  return trpcClient(server.url, sessionCookieOf(signedUp));
}

describe.each(BACKENDS)('the audit log on %s', (backend) => {
  let server: TestServer;
  let owner: Client;
  let drop: () => Promise<void>;
  let partners: string;

  beforeAll(async () => {
    const database = await testDatabase(backend);
    drop = database.drop;
    server = await startTestServer({ db: database.db });
    owner = server.client;
    partners = (await owner.workspaces.create.mutate({ name: 'Audit partners' })).workspaceId;
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await drop();
  });

  it("records sharing and links in the graph's workspace, newest first, with who did it", async () => {
    const graph = await owner.graphs.create.mutate({
      workspaceId: TEST_WORKSPACE,
      name: 'Audited',
    });
    await owner.sharing.share.mutate({ id: graph.id, workspaceId: partners, access: 'viewer' });
    await owner.sharing.share.mutate({ id: graph.id, workspaceId: partners, access: 'editor' });
    const { link } = await owner.sharing.createLink.mutate({ id: graph.id });
    await owner.sharing.revokeLink.mutate({ id: graph.id, linkId: link.id });
    await owner.sharing.unshare.mutate({ id: graph.id, workspaceId: partners });

    const { entries } = await owner.audit.list.query({ workspaceId: TEST_WORKSPACE });
    const mine = entries.filter((entry) => entry.targetId === graph.id);
    expect(mine.map((entry) => entry.action)).toEqual([
      'graph.unshare',
      'link.revoke',
      'link.create',
      'graph.share',
      'graph.share',
    ]);
    expect(mine.every((entry) => entry.actorName === TEST_USER.name)).toBe(true);
    expect(mine.map((entry) => entry.details)).toEqual([
      expect.objectContaining({ workspaceId: partners, access: 'editor' }),
      expect.objectContaining({ linkId: link.id, graphName: 'Audited' }),
      expect.objectContaining({ linkId: link.id }),
      expect.objectContaining({ access: 'editor', previous: 'viewer' }),
      expect.objectContaining({ workspaceId: partners, access: 'viewer', previous: null }),
    ]);
    // The workspace it was shared with keeps no trace of it in its own log.
    const theirs = await owner.audit.list.query({ workspaceId: partners });
    expect(theirs.entries.filter((entry) => entry.targetId === graph.id)).toEqual([]);
  });

  it('pages through the log with a cursor, each entry once', async () => {
    const graph = await owner.graphs.create.mutate({ workspaceId: TEST_WORKSPACE, name: 'Paged' });
    for (let i = 0; i < 5; i++) await owner.sharing.createLink.mutate({ id: graph.id });
    const seen: string[] = [];
    let cursor: { createdAt: string; id: string } | undefined;
    for (;;) {
      const page = await owner.audit.list.query({
        workspaceId: TEST_WORKSPACE,
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((entry) => entry.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const all = await owner.audit.list.query({ workspaceId: TEST_WORKSPACE, limit: 200 });
    expect(seen).toEqual(all.entries.map((entry) => entry.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('is for admins: editors are refused, admins read it, members named', async () => {
    const editor = await addMember(server, TEST_WORKSPACE, 'editor');
    const refused = await rejection(editor.audit.list.query({ workspaceId: TEST_WORKSPACE }));
    expect(refused.data).toMatchObject({ code: 'FORBIDDEN', details: { needed: 'admin' } });
    const { user } = await editor.account.me.query();
    await owner.workspaces.setRole.mutate({
      workspaceId: TEST_WORKSPACE,
      userId: user.id,
      role: 'viewer',
    });
    const admin = await addMember(server, TEST_WORKSPACE, 'admin');
    const { entries } = await admin.audit.list.query({ workspaceId: TEST_WORKSPACE });
    expect(entries.map((entry) => entry.action)).toContain('member.invite');
    // An entry about a member names them.
    expect(entries.find((entry) => entry.action === 'member.role')).toMatchObject({
      targetId: user.id,
      targetName: 'An editor',
      actorName: TEST_USER.name,
      details: { from: 'editor', to: 'viewer' },
    });
  });
});
