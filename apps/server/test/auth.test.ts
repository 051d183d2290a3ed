// Accounts over real HTTP: the first account, invitation-only sign-up, session cookies, session
// fixation, CSRF, sign-out everywhere, API tokens and sign-in rate limits.
import { schema } from '@beluga/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const PASSWORD = 'a long enough password';

for (const backend of BACKENDS) {
  describe(`accounts on ${backend}`, () => {
    let server: TestServer;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      const database = await testDatabase(backend);
      drop = database.drop;
      // Data from before accounts: a workspace nobody belongs to yet, with a graph in it.
      const now = new Date();
      await database.db.orm
        .insert(schema.workspaces)
        .values({ id: 'default', name: 'Default workspace', createdAt: now, createdBy: 'local' });
      await database.db.orm.insert(schema.graphs).values({
        id: 'old-graph',
        workspaceId: 'default',
        name: 'Kept from before',
        description: '',
        version: 1,
        document: { format: 'beluga.graph/v1', id: 'old-graph', name: 'Kept from before' },
        nodeCount: 0,
        createdAt: now,
        updatedAt: now,
        createdBy: 'local',
        updatedBy: 'local',
      });
      server = await startTestServer({ db: database.db, signInPerMinute: 1000 });
    }, 60_000);

    afterAll(async () => {
      await server.stop();
      await drop();
    });

    it('makes the first account the owner of the instance and of what was stored before', async () => {
      const me = await server.client.account.me.query();
      expect(me.instanceOwner).toBe(true);
      expect(me.workspaces.find((w) => w.workspaceId === 'default')).toMatchObject({
        role: 'owner',
      });
      const graphs = await server.client.graphs.list.query({ workspaceId: 'default' });
      expect(graphs.map((g) => g.name)).toEqual(['Kept from before']);
      const status = await trpcClient(server.url).account.status.query();
      expect(status).toEqual({ user: null, needsOwner: false });
    });

    it('stores a scrypt hash, never the password', async () => {
      const [account] = await server.db.orm
        .select({ password: schema.accounts.password })
        .from(schema.accounts)
        .innerJoin(schema.users, eq(schema.users.id, schema.accounts.userId))
        .where(eq(schema.users.email, TEST_USER.email));
      expect(account?.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
      expect(account?.password).not.toContain(TEST_USER.password);
    });

    it('sets the session cookie httpOnly and SameSite=Lax', async () => {
      const response = await authCall(server.url, '/sign-in/email', {
        email: TEST_USER.email,
        password: TEST_USER.password,
      });
      const line = response.headers
        .getSetCookie()
        .find((cookie) => cookie.startsWith('beluga.session_token='));
      expect(line).toMatch(/HttpOnly/i);
      expect(line).toMatch(/SameSite=Lax/i);
      expect(line).toMatch(/Path=\//);
    });

    it('signs up after the first account only with an open invitation for that address', async () => {
      const refused = await authCall(server.url, '/sign-up/email', {
        name: 'Uninvited',
        email: 'uninvited@example.test',
        password: PASSWORD,
      });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { message: string }).message).toBe(
        'Sign-up is by invitation: ask a workspace admin for an invitation link',
      );
      const { token } = await server.client.workspaces.invite.mutate({
        workspaceId: TEST_WORKSPACE,
        email: 'invited@example.test',
        role: 'editor',
      });
      const wrongAddress = await authCall(
        server.url,
        '/sign-up/email',
        { name: 'Someone else', email: 'else@example.test', password: PASSWORD },
        { 'x-beluga-invitation': token },
      );
      expect(wrongAddress.status).toBe(403);
      expect(((await wrongAddress.json()) as { message: string }).message).toBe(
        'This invitation is for invited@example.test: sign up with that address',
      );
      const joined = await authCall(
        server.url,
        '/sign-up/email',
        { name: 'Invited', email: 'invited@example.test', password: PASSWORD },
        { 'x-beluga-invitation': token },
      );
      expect(joined.status).toBe(200);
      const invited = trpcClient(server.url, sessionCookieOf(joined));
      const { workspaces } = await invited.account.me.query();
      expect(workspaces.find((w) => w.workspaceId === TEST_WORKSPACE)?.role).toBe('editor');
      // Used once: the same link signs nobody else up.
      const again = await authCall(
        server.url,
        '/sign-up/email',
        { name: 'Again', email: 'invited@example.test', password: PASSWORD },
        { 'x-beluga-invitation': token },
      );
      expect(again.status).toBeGreaterThanOrEqual(400);
    });

    it('never keeps a session token the client brought to sign-in (session fixation)', async () => {
      const planted = 'beluga.session_token=planted-by-an-attacker';
      const response = await authCall(
        server.url,
        '/sign-in/email',
        { email: TEST_USER.email, password: TEST_USER.password },
        { cookie: planted },
      );
      const issued = sessionCookieOf(response);
      expect(issued).not.toBe(planted);
      await expect(trpcClient(server.url, planted).account.me.query()).rejects.toMatchObject({
        data: { code: 'UNAUTHORIZED' },
      });
      // Signing in again gives a new session, never the one already held.
      const second = sessionCookieOf(
        await authCall(
          server.url,
          '/sign-in/email',
          { email: TEST_USER.email, password: TEST_USER.password },
          { cookie: issued },
        ),
      );
      expect(second).not.toBe(issued);
    });

    it('refuses cross-site writes that carry the session cookie (CSRF), and changes nothing', async () => {
      const before = await server.client.graphs.list.query({ workspaceId: TEST_WORKSPACE });
      const forged = await fetch(`${server.url}/trpc/graphs.create`, {
        method: 'POST',
        headers: {
          cookie: server.cookie,
          origin: 'http://evil.example',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ workspaceId: TEST_WORKSPACE, name: 'Forged' }),
      });
      expect(forged.status).toBe(403);
      expect(await forged.json()).toMatchObject({ error: { data: { errorCode: 'CROSS_SITE' } } });
      const plainForm = await fetch(`${server.url}/trpc/graphs.create`, {
        method: 'POST',
        headers: { cookie: server.cookie, 'sec-fetch-site': 'cross-site' },
        body: JSON.stringify({ workspaceId: TEST_WORKSPACE, name: 'Forged' }),
      });
      expect(plainForm.status).toBe(403);
      expect(await server.client.graphs.list.query({ workspaceId: TEST_WORKSPACE })).toEqual(
        before,
      );
      // The auth endpoints refuse a foreign origin too.
      const signOut = await fetch(`${server.url}/api/auth/sign-out`, {
        method: 'POST',
        headers: { cookie: server.cookie, origin: 'http://evil.example' },
      });
      expect(signOut.status).toBe(403);
      expect((await server.client.account.me.query()).user.email).toBe(TEST_USER.email);
    });

    it('signs out everywhere: every session of the user ends', async () => {
      const signIn = async () =>
        sessionCookieOf(
          await authCall(server.url, '/sign-in/email', {
            email: 'invited@example.test',
            password: PASSWORD,
          }),
        );
      const laptop = await signIn();
      const phone = await signIn();
      expect((await trpcClient(server.url, phone).account.me.query()).user.email).toBe(
        'invited@example.test',
      );
      const revoked = await authCall(server.url, '/revoke-sessions', {}, { cookie: laptop });
      expect(revoked.status).toBe(200);
      for (const cookie of [laptop, phone])
        await expect(trpcClient(server.url, cookie).account.me.query()).rejects.toMatchObject({
          data: { code: 'UNAUTHORIZED' },
        });
    });

    it('answers API calls made with an API token, until it is deleted', async () => {
      const created = await authCall(
        server.url,
        '/api-key/create',
        { name: 'ci' },
        { cookie: server.cookie },
      );
      expect(created.status).toBe(200);
      const { key, id } = (await created.json()) as { key: string; id: string };
      expect(key).toMatch(/^blg_/);
      const withBearer = await fetch(`${server.url}/trpc/account.me`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(withBearer.status).toBe(200);
      expect(await withBearer.json()).toMatchObject({
        result: { data: { user: { email: TEST_USER.email } } },
      });
      const withHeader = await fetch(`${server.url}/trpc/account.me`, {
        headers: { 'x-api-key': key },
      });
      expect(withHeader.status).toBe(200);
      // A token's writes need no Origin: it is not a browser's cookie.
      const made = await fetch(`${server.url}/trpc/graphs.create`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ workspaceId: TEST_WORKSPACE, name: 'Made by a script' }),
      });
      expect(made.status).toBe(200);
      // Only its hash is stored.
      const rows = await server.db.orm.select({ key: schema.apiKeys.key }).from(schema.apiKeys);
      expect(rows.map((row) => row.key)).not.toContain(key);
      const deleted = await authCall(
        server.url,
        '/api-key/delete',
        { keyId: id },
        { cookie: server.cookie },
      );
      expect(deleted.status).toBe(200);
      const after = await fetch(`${server.url}/trpc/account.me`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(after.status).toBe(401);
    });
  });
}

describe('sign-in rate limit', () => {
  let server: TestServer;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await testDatabase('pglite');
    drop = database.drop;
    // The harness signs in once at start: that is the first attempt of the minute.
    server = await startTestServer({ db: database.db, signInPerMinute: 4 });
  }, 60_000);

  afterAll(async () => {
    await server.stop();
    await drop();
  });

  it('refuses attempts past the limit with 429, even the right password, and keeps the data', async () => {
    const attempt = (password: string) =>
      authCall(server.url, '/sign-in/email', { email: TEST_USER.email, password });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await attempt(`wrong password ${i}`)).status);
    expect(statuses).toEqual([401, 401, 401]);
    const limited = await attempt(TEST_USER.password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('x-retry-after'))).toBeGreaterThan(0);
    // The signed-in session is untouched.
    expect((await server.client.account.me.query()).user.email).toBe(TEST_USER.email);
  });
});
