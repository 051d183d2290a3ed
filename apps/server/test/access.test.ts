// Who may call what, over real HTTP: every procedure of the router × every role, from the rules
// the procedures declare (a procedure without a rule, or without a case here, fails the test),
// and attempts across workspaces on graphs, runs, versions, events and members.
import { appRouter, type AccessRule, type Permission } from '@beluga/api';
import type { WorkspaceRole } from '@beluga/db';
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
import { approvalChain, importGraph, waitingAt } from './streaming.js';

type Caller = 'anonymous' | 'outsider' | WorkspaceRole;
const CALLERS: Caller[] = ['anonymous', 'outsider', 'viewer', 'runner', 'editor', 'admin', 'owner'];
const RANK: Record<WorkspaceRole, number> = { viewer: 0, runner: 1, editor: 2, admin: 3, owner: 4 };
const NEEDS: Record<Permission, WorkspaceRole> = {
  read: 'viewer',
  run: 'runner',
  edit: 'editor',
  manage: 'admin',
  own: 'owner',
};

interface Procedure {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  access: AccessRule | undefined;
}

/** Every procedure of the router, with the rule it declares. */
function procedures(): Procedure[] {
  const all = (appRouter._def as unknown as { procedures: Record<string, { _def: unknown }> })
    .procedures;
  return Object.entries(all).map(([path, procedure]) => {
    const def = procedure._def as { type: Procedure['type']; meta?: { access?: AccessRule } };
    return { path, type: def.type, access: def.meta?.access };
  });
}

/** What a caller should get: `allowed`, or the refusal's code. */
function expected(rule: AccessRule, caller: Caller): string {
  if (rule.scope === 'public') return 'allowed';
  if (caller === 'anonymous') return 'UNAUTHORIZED';
  if (rule.scope === 'user') return 'allowed';
  // Not a member: the workspace's graphs and runs do not exist for them.
  if (caller === 'outsider') return 'NOT_FOUND';
  return RANK[caller] >= RANK[NEEDS[rule.permission]] ? 'allowed' : 'FORBIDDEN';
}

interface Call {
  status: number;
  /** The tRPC error code, or undefined for an answer. */
  code: string | undefined;
  message?: string;
}

/** One call over HTTP as the web page makes it; subscriptions read their first message. */
async function call(
  url: string,
  procedure: Procedure,
  input: unknown,
  cookie: string | undefined,
): Promise<Call> {
  const headers: Record<string, string> = cookie ? { cookie, origin: url } : {};
  const encoded = encodeURIComponent(JSON.stringify(input ?? {}));
  if (procedure.type === 'mutation') {
    const response = await fetch(`${url}/trpc/${procedure.path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
    return answerOf(response);
  }
  if (procedure.type === 'query')
    return answerOf(await fetch(`${url}/trpc/${procedure.path}?input=${encoded}`, { headers }));
  const controller = new AbortController();
  const response = await fetch(`${url}/trpc/${procedure.path}?input=${encoded}`, {
    headers: { ...headers, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (!response.headers.get('content-type')?.startsWith('text/event-stream'))
    return answerOf(response);
  // The first message past `connected`: data (allowed) or the serialized error.
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { status: response.status, code: undefined };
      text += value;
      for (const message of text.split('\n\n').slice(0, -1)) {
        const event = /^event: (.*)$/m.exec(message)?.[1];
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (event === 'serialized-error') {
          const body = JSON.parse(data!) as { data?: { code?: string }; message?: string };
          return { status: response.status, code: body.data?.code, message: body.message ?? '' };
        }
        if (event !== 'connected' && data !== undefined)
          return { status: response.status, code: undefined };
      }
    }
  } finally {
    controller.abort();
  }
}

async function answerOf(response: Response): Promise<Call> {
  const body = (await response.json()) as { error?: { message: string; data?: { code?: string } } };
  return body.error
    ? { status: response.status, code: body.error.data?.code, message: body.error.message }
    : { status: response.status, code: undefined };
}

describe('access', () => {
  let server: TestServer;
  let drop: () => Promise<void>;
  const cookies = new Map<Caller, string | undefined>();
  /** Each signed-in caller's own workspace (everyone gets one on sign-up). */
  const personal = new Map<Caller, string>();
  let approvalGraph: string;
  /** The owner's workspace where the outsider is a viewer. */
  let outsidersWorkspace: string;
  /** Another workspace of the owner's alone, to share graphs with. */
  let elsewhere: string;

  /** Signs up a user through an invitation of the owner's, with `role` in TEST_WORKSPACE. */
  async function member(role: Exclude<WorkspaceRole, 'owner'>, email: string): Promise<string> {
    const { token } = await server.client.workspaces.invite.mutate({
      workspaceId: TEST_WORKSPACE,
      email,
      role,
    });
    const response = await authCall(
      server.url,
      '/sign-up/email',
      { name: `${role} ${email}`, email, password: 'a long enough password' },
      { 'x-beluga-invitation': token },
    );
    expect(response.status).toBe(200);
    return sessionCookieOf(response);
  }

  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${++counter}@example.test`;
  const as = (caller: Caller) => trpcClient(server.url, cookies.get(caller));
  const owner = () => server.client;

  /** A fresh graph in TEST_WORKSPACE whose runs wait at an approval. */
  const freshGraph = () => importGraph(owner(), approvalChain(1));
  async function waitingRun(): Promise<string> {
    const run = await owner().runs.start.mutate({ graphId: approvalGraph, input: 'x' });
    await new Promise<void>((resolve, reject) => {
      const all: { type: string; nodeId?: string }[] = [];
      const subscription = owner().runs.events.subscribe(
        { runId: run.id },
        {
          onData: ({ data }) => {
            all.push(...data);
            if (waitingAt('a1')(all as never)) {
              subscription.unsubscribe();
              resolve();
            }
          },
          onError: reject,
        },
      );
    });
    return run.id;
  }

  /**
   * A valid input for each procedure, made fresh per call where a call changes what it touches.
   * A new procedure needs a case here: the test fails without one.
   */
  const cases: Record<string, (caller: Caller) => unknown> = {
    'account.status': () => ({}),
    'account.me': () => ({}),
    'workspaces.create': () => ({ name: 'Another' }),
    'workspaces.rename': () => ({ workspaceId: TEST_WORKSPACE, name: 'Tests' }),
    'workspaces.members': () => ({ workspaceId: TEST_WORKSPACE }),
    'workspaces.setRole': async () => {
      await member('viewer', unique('spare'));
      const spare = (await owner().workspaces.members.query({ workspaceId: TEST_WORKSPACE })).find(
        (m) => m.email === `spare-${counter}@example.test`,
      )!;
      return { workspaceId: TEST_WORKSPACE, userId: spare.userId, role: 'runner' };
    },
    'workspaces.removeMember': async () => {
      await member('viewer', unique('leaver'));
      const leaver = (await owner().workspaces.members.query({ workspaceId: TEST_WORKSPACE })).find(
        (m) => m.email === `leaver-${counter}@example.test`,
      )!;
      return { workspaceId: TEST_WORKSPACE, userId: leaver.userId };
    },
    // Members leave a workspace of their own, where they are its last owner (CONFLICT, not a
    // refusal); the outsider tries ours. Leaving ours for real is its own test below.
    'workspaces.leave': (caller) => ({
      workspaceId:
        caller === 'outsider' ? TEST_WORKSPACE : (personal.get(caller) ?? TEST_WORKSPACE),
    }),
    'workspaces.invitations': () => ({ workspaceId: TEST_WORKSPACE }),
    'workspaces.invite': () => ({
      workspaceId: TEST_WORKSPACE,
      email: unique('invited'),
      role: 'viewer',
    }),
    'workspaces.revokeInvitation': async () => {
      const { invitation } = await owner().workspaces.invite.mutate({
        workspaceId: TEST_WORKSPACE,
        email: unique('revoked'),
        role: 'viewer',
      });
      return { workspaceId: TEST_WORKSPACE, invitationId: invitation.id };
    },
    'invitations.peek': async () => {
      const { token } = await owner().workspaces.invite.mutate({
        workspaceId: TEST_WORKSPACE,
        email: unique('peek'),
        role: 'viewer',
      });
      return { token };
    },
    // Refused for everyone signed in but the invitee: checked below, not by the role matrix.
    'invitations.accept': () => ({ token: 'no-such-invitation' }),
    'graphs.list': () => ({ workspaceId: TEST_WORKSPACE }),
    'graphs.get': () => ({ id: approvalGraph }),
    'graphs.access': () => ({ id: approvalGraph }),
    'graphs.create': () => ({ workspaceId: TEST_WORKSPACE, name: 'Matrix' }),
    'graphs.update': async () => {
      const id = await freshGraph();
      const graph = await owner().graphs.get.query({ id });
      return { id, baseVersion: graph.version, document: graph.document, message: 'matrix' };
    },
    'graphs.delete': async () => ({ id: await freshGraph() }),
    // Into a workspace of the caller's own, where they may add graphs.
    'graphs.duplicate': (caller) => ({
      id: approvalGraph,
      workspaceId: personal.get(caller) ?? TEST_WORKSPACE,
    }),
    'graphs.import': () => ({ workspaceId: TEST_WORKSPACE, document: approvalChain(1) }),
    'graphs.export': () => ({ id: approvalGraph }),
    'versions.list': () => ({ graphId: approvalGraph }),
    'versions.get': () => ({ graphId: approvalGraph, version: 1 }),
    'versions.restore': async () => {
      const id = await freshGraph();
      return { graphId: id, version: 1, baseVersion: 1 };
    },
    'catalog.list': () => ({}),
    validate: () => ({ document: approvalChain(1) }),
    'runs.start': () => ({ graphId: approvalGraph, input: 'x' }),
    'runs.cancel': async () => ({ runId: await waitingRun() }),
    'runs.terminate': async () => ({ runId: await waitingRun() }),
    'runs.executors': () => ({}),
    'runs.approve': async () => ({ runId: await waitingRun(), nodeId: 'a1' }),
    'runs.reject': async () => ({ runId: await waitingRun(), nodeId: 'a1' }),
    'runs.list': () => ({ workspaceId: TEST_WORKSPACE }),
    'runs.get': async () => ({ runId: await waitingRun() }),
    'runs.trace': async () => ({ runId: await waitingRun() }),
    'runs.events': async () => ({ runId: await waitingRun() }),
    'credentials.list': () => ({ workspaceId: TEST_WORKSPACE }),
    'credentials.set': () => ({
      workspaceId: TEST_WORKSPACE,
      name: `key-${++counter}`,
      value: 'a secret value',
    }),
    'credentials.rename': async () => ({
      workspaceId: TEST_WORKSPACE,
      name: await ownersCredential(),
      to: `renamed-${++counter}`,
    }),
    'credentials.delete': async () => ({
      workspaceId: TEST_WORKSPACE,
      name: await ownersCredential(),
    }),
    'sharing.list': () => ({ id: approvalGraph }),
    'sharing.share': async () => ({
      id: await freshGraph(),
      workspaceId: elsewhere,
      access: 'viewer',
    }),
    'sharing.unshare': async () => {
      const id = await freshGraph();
      await owner().sharing.share.mutate({ id, workspaceId: elsewhere, access: 'viewer' });
      return { id, workspaceId: elsewhere };
    },
    'sharing.createLink': () => ({ id: approvalGraph }),
    'sharing.revokeLink': async () => {
      const { link } = await owner().sharing.createLink.mutate({ id: approvalGraph });
      return { id: approvalGraph, linkId: link.id };
    },
    'shared.view': async () => ({
      token: (await owner().sharing.createLink.mutate({ id: approvalGraph })).token,
    }),
    'shared.importCopy': async () => ({
      workspaceId: TEST_WORKSPACE,
      token: (await owner().sharing.createLink.mutate({ id: approvalGraph })).token,
    }),
    'audit.list': () => ({ workspaceId: TEST_WORKSPACE }),
    'presence.join': () => ({ id: approvalGraph, tab: `matrix-tab-${++counter}` }),
    'presence.editing': () => ({
      id: approvalGraph,
      tab: `matrix-tab-${++counter}`,
      editing: true,
    }),
  };

  /** A credential the owner set just now; its name. */
  async function ownersCredential(): Promise<string> {
    const name = `owned-${++counter}`;
    await owner().credentials.set.mutate({
      workspaceId: TEST_WORKSPACE,
      name,
      value: 'another secret value',
    });
    return name;
  }

  beforeAll(async () => {
    const database = await testDatabase('pglite');
    drop = database.drop;
    server = await startTestServer({ db: database.db, limits: { maxRunningPerUser: 1000 } });
    cookies.set('anonymous', undefined);
    cookies.set('owner', server.cookie);
    for (const role of ['viewer', 'runner', 'editor', 'admin'] as const)
      cookies.set(role, await member(role, `${role}@example.test`));
    // Someone invited to nothing of ours: signs up into a workspace of their own.
    const outsider = await authCall(
      server.url,
      '/sign-up/email',
      { name: 'Outsider', email: 'outsider@example.test', password: 'a long enough password' },
      { 'x-beluga-invitation': (await inviteElsewhere()).token },
    );
    cookies.set('outsider', sessionCookieOf(outsider));
    for (const caller of CALLERS) {
      if (caller === 'anonymous') continue;
      const { user, workspaces } = await as(caller).account.me.query();
      const own = workspaces.find((w) => w.role === 'owner' && w.workspaceId !== TEST_WORKSPACE);
      if (!own) throw new Error(`${user.email} has no workspace of their own`);
      personal.set(caller, own.workspaceId);
    }
    approvalGraph = await freshGraph();
  }, 120_000);

  /** An invitation to a workspace of the owner's other than TEST_WORKSPACE. */
  async function inviteElsewhere() {
    const other = await server.client.workspaces.create.mutate({ name: 'Elsewhere' });
    outsidersWorkspace = other.workspaceId;
    // Graphs are shared with a workspace nobody else belongs to: the matrix is about roles here.
    elsewhere = (await server.client.workspaces.create.mutate({ name: 'Share target' }))
      .workspaceId;
    return server.client.workspaces.invite.mutate({
      workspaceId: other.workspaceId,
      email: 'outsider@example.test',
      role: 'viewer',
    });
  }

  afterAll(async () => {
    await server.stop();
    await drop();
  });

  it('has a rule and a case for every procedure of the router', () => {
    const all = procedures();
    expect(all.length).toBeGreaterThan(30);
    expect(all.filter((p) => p.access === undefined).map((p) => p.path)).toEqual([]);
    expect(all.filter((p) => !(p.path in cases)).map((p) => p.path)).toEqual([]);
  });

  it('answers every role on every procedure as its rule says, over HTTP', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const procedure of procedures()) {
      const make = cases[procedure.path];
      if (!procedure.access || !make) continue;
      for (const caller of CALLERS) {
        const want = expected(procedure.access, caller);
        const input = await make(caller);
        const got = await call(server.url, procedure, input, cookies.get(caller));
        checked++;
        const refused = ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'].includes(got.code ?? '');
        // invitations.accept of an unknown token is NOT_FOUND for anyone signed in.
        const acceptUnknown = procedure.path === 'invitations.accept' && caller !== 'anonymous';
        const ok =
          want === 'allowed'
            ? acceptUnknown
              ? got.code === 'NOT_FOUND'
              : !refused
            : got.code === want;
        if (!ok)
          mismatches.push(
            `${procedure.path} as ${caller}: wanted ${want}, got ${got.code ?? 'an answer'} (${got.status}) ${got.message ?? ''}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(procedures().length * CALLERS.length);
  }, 300_000);

  it('tells a caller how they reach a graph: by role, or by a share as their role there allows', async () => {
    const id = await freshGraph();
    expect(await owner().graphs.access.query({ id })).toEqual({ role: 'owner', shared: null });
    await owner().sharing.share.mutate({ id, workspaceId: outsidersWorkspace, access: 'editor' });
    // An editor share reaches a viewer of that workspace read-only.
    expect(await as('outsider').graphs.access.query({ id })).toEqual({
      role: null,
      shared: 'viewer',
    });
    await expect(
      as('outsider').graphs.update.mutate({
        id,
        baseVersion: 1,
        document: (await owner().graphs.get.query({ id })).document,
      }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
  });

  it('names the role needed when it refuses a member', async () => {
    const error = await as('viewer')
      .runs.start.mutate({ graphId: approvalGraph })
      .then(
        () => undefined,
        (refusal: { message: string; data?: { details?: unknown } }) => refusal,
      );
    expect(error?.message).toBe(
      'Your role here is viewer: to run graphs you need the runner role or above',
    );
    expect(error?.data?.details).toEqual({ role: 'viewer', needed: 'runner' });
  });

  it('lets only owners make owners, and an admin not remove another admin or the owner', async () => {
    const members = await owner().workspaces.members.query({ workspaceId: TEST_WORKSPACE });
    const editorMember = members.find((m) => m.email === 'editor@example.test')!;
    const ownerId = members.find((m) => m.email === TEST_USER.email)!.userId;
    await expect(
      as('admin').workspaces.setRole.mutate({
        workspaceId: TEST_WORKSPACE,
        userId: editorMember.userId,
        role: 'owner',
      }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(
      as('admin').workspaces.removeMember.mutate({ workspaceId: TEST_WORKSPACE, userId: ownerId }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(
      owner().workspaces.setRole.mutate({
        workspaceId: TEST_WORKSPACE,
        userId: ownerId,
        role: 'admin',
      }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', errorCode: 'LAST_OWNER' } });
    await expect(
      as('admin').workspaces.invite.mutate({
        workspaceId: TEST_WORKSPACE,
        email: 'admin2@example.test',
        role: 'admin',
      }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
  });

  it('lets a member leave, after which the workspace is gone for them', async () => {
    const viewer = as('viewer');
    await viewer.workspaces.leave.mutate({ workspaceId: TEST_WORKSPACE });
    await expect(viewer.graphs.get.query({ id: approvalGraph })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
    const { workspaces } = await viewer.account.me.query();
    expect(workspaces.map((w) => w.workspaceId)).not.toContain(TEST_WORKSPACE);
    const audit = await server.db.audit.list(TEST_WORKSPACE);
    expect(audit[0]).toMatchObject({ action: 'member.remove', details: { role: 'viewer' } });
  });
});

for (const backend of BACKENDS) {
  describe(`another workspace's graphs, runs, versions, events and members on ${backend}`, () => {
    let server: TestServer;
    let drop: () => Promise<void>;
    let stranger: ReturnType<typeof trpcClient>;
    let strangerCookie: string;
    let strangerWorkspace: string;
    let graphId: string;
    let runId: string;

    beforeAll(async () => {
      const database = await testDatabase(backend);
      drop = database.drop;
      server = await startTestServer({ db: database.db, signUp: 'open' });
      // Open sign-up: a stranger gets a workspace of their own and nothing of ours.
      const signedUp = await authCall(server.url, '/sign-up/email', {
        name: 'Stranger',
        email: 'stranger@example.test',
        password: 'a long enough password',
      });
      strangerCookie = sessionCookieOf(signedUp);
      stranger = trpcClient(server.url, strangerCookie);
      strangerWorkspace = (await stranger.account.me.query()).workspaces[0]!.workspaceId;
      graphId = await importGraph(server.client, approvalChain(1));
      runId = (await server.client.runs.start.mutate({ graphId, input: 'secret input' })).id;
    }, 60_000);

    afterAll(async () => {
      await server.stop();
      await drop();
    });

    const notFound = { data: { code: 'NOT_FOUND' } };

    it('finds none of them, and changes nothing', async () => {
      const before = await server.client.graphs.get.query({ id: graphId });
      await expect(stranger.graphs.get.query({ id: graphId })).rejects.toMatchObject(notFound);
      await expect(stranger.graphs.export.query({ id: graphId })).rejects.toMatchObject(notFound);
      await expect(stranger.versions.list.query({ graphId })).rejects.toMatchObject(notFound);
      await expect(stranger.versions.get.query({ graphId, version: 1 })).rejects.toMatchObject(
        notFound,
      );
      await expect(
        stranger.graphs.update.mutate({ id: graphId, baseVersion: 1, document: before.document }),
      ).rejects.toMatchObject(notFound);
      await expect(stranger.graphs.delete.mutate({ id: graphId })).rejects.toMatchObject(notFound);
      await expect(
        stranger.graphs.duplicate.mutate({ id: graphId, workspaceId: strangerWorkspace }),
      ).rejects.toMatchObject(notFound);
      await expect(stranger.runs.start.mutate({ graphId })).rejects.toMatchObject(notFound);
      await expect(stranger.runs.get.query({ runId })).rejects.toMatchObject(notFound);
      await expect(stranger.runs.cancel.mutate({ runId })).rejects.toMatchObject(notFound);
      await expect(stranger.runs.approve.mutate({ runId, nodeId: 'a1' })).rejects.toMatchObject(
        notFound,
      );
      await expect(stranger.runs.trace.query({ runId })).rejects.toMatchObject(notFound);
      await expect(
        stranger.graphs.list.query({ workspaceId: TEST_WORKSPACE }),
      ).rejects.toMatchObject(notFound);
      await expect(stranger.runs.list.query({ workspaceId: TEST_WORKSPACE })).rejects.toMatchObject(
        notFound,
      );
      await expect(
        stranger.workspaces.members.query({ workspaceId: TEST_WORKSPACE }),
      ).rejects.toMatchObject(notFound);
      // Their own lists hold nothing of ours.
      expect(await stranger.graphs.list.query({ workspaceId: strangerWorkspace })).toEqual([]);
      expect(await stranger.runs.list.query({ workspaceId: strangerWorkspace })).toEqual([]);
      expect(await server.client.graphs.get.query({ id: graphId })).toEqual(before);
      expect((await server.client.runs.get.query({ runId })).run.status).toBe('running');
    });

    it("gets no event of another workspace's run over SSE", async () => {
      const response = await fetch(
        `${server.url}/trpc/runs.events?input=${encodeURIComponent(JSON.stringify({ runId }))}`,
        { headers: { cookie: strangerCookie, accept: 'text/event-stream' } },
      );
      const text = await response.text();
      expect(text).toContain('"code":"NOT_FOUND"');
      expect(text).not.toContain('secret input');
    });

    it('cannot import into, or list, a workspace by guessing its id', async () => {
      await expect(
        stranger.graphs.import.mutate({ workspaceId: TEST_WORKSPACE, document: approvalChain(1) }),
      ).rejects.toMatchObject(notFound);
      await expect(
        stranger.graphs.create.mutate({ workspaceId: TEST_WORKSPACE, name: 'Planted' }),
      ).rejects.toMatchObject(notFound);
      expect(
        (await server.client.graphs.list.query({ workspaceId: TEST_WORKSPACE })).map((g) => g.name),
      ).not.toContain('Planted');
    });
  });
}
