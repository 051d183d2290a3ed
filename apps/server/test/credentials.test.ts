import type { GraphDocumentInput } from '@beluga/graph';
import type { RunEvent } from '@beluga/orchestration';
import { startOpenAiCompatibleServer, type OpenAiServer } from '@beluga/testkit';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  edge,
  graphDocument,
  isRunEnd,
  node,
  rejection,
  waitForEvent,
  type Client,
} from './fixtures.js';
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
import { captureLog } from './observability.js';

const TOKEN = 'echo-tok-5f0c1d2e3a4b5c6d7e8f';
const LOGIN = 'ada:pass-word-1234';
const LLM_KEY = 'sk-llm-test-0a1b2c3d4e5f6a7b';
const BASIC = Buffer.from(LOGIN).toString('base64');
/** Every form a value could be written in that would give it away. */
const SECRETS = [TOKEN, LOGIN, 'pass-word-1234', BASIC, LLM_KEY];

/** Answers every request with its Authorization header in the JSON body. */
async function startEchoServer(): Promise<{
  url: string;
  seen: IncomingHttpHeaders[];
  close(): Promise<void>;
}> {
  const seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ authorization: request.headers.authorization ?? null }));
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Role = 'admin' | 'editor' | 'runner' | 'viewer';

/** A new account invited into `workspaceId` with `role`. */
async function addMember(server: TestServer, workspaceId: string, role: Role): Promise<Client> {
  const email = `${role}-credentials-${workspaceId.slice(0, 8)}@example.test`;
  const { token } = await server.client.workspaces.invite.mutate({ workspaceId, email, role });
  const signedUp = await authCall(
    server.url,
    '/sign-up/email',
    { name: `A ${role}`, email, password: 'a long enough password' },
    { 'x-beluga-invitation': token },
  );
  return trpcClient(server.url, sessionCookieOf(signedUp));
}

function expectNoSecret(where: string, value: unknown): void {
  const text = JSON.stringify(value);
  for (const secret of SECRETS) expect(text, `${where} holds a secret`).not.toContain(secret);
}

describe.each(BACKENDS)('credentials on %s', (backend) => {
  let server: TestServer;
  let owner: Client;
  let drop: () => Promise<void>;
  let echo: Awaited<ReturnType<typeof startEchoServer>>;
  let llm: OpenAiServer;
  const log = captureLog();

  beforeAll(async () => {
    echo = await startEchoServer();
    llm = await startOpenAiCompatibleServer({ apiKey: LLM_KEY });
    const database = await testDatabase(backend);
    drop = database.drop;
    server = await startTestServer({
      db: database.db,
      allowPrivateNetworks: true,
      app: { logger: log.logger },
      info: (message, fields) => log.logger.info(fields, message),
    });
    owner = server.client;
    const set = (name: string, value: string) =>
      owner.credentials.set.mutate({ workspaceId: TEST_WORKSPACE, name, value });
    await set('echo-token', TOKEN);
    await set('echo-login', LOGIN);
    await set('llm', LLM_KEY);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await drop?.();
    await echo?.close();
    await llm?.close();
  });

  async function saved(document: GraphDocumentInput, workspaceId = TEST_WORKSPACE) {
    const created = await owner.graphs.create.mutate({ workspaceId, name: document.name });
    return owner.graphs.update.mutate({ id: created.id, baseVersion: 1, document });
  }

  /** Runs a saved graph to its end through the API; the events come over the SSE stream. */
  async function runToEnd(graphId: string, input: unknown = {}) {
    const run = await owner.runs.start.mutate({ graphId, input });
    const streamed = await waitForEvent(owner, run.id, isRunEnd);
    return { run, streamed };
  }

  /** Everything a run left behind: stored events and record, the API's answer. */
  async function traces(runId: string, streamed: RunEvent[]) {
    return {
      stream: streamed,
      events: await server.db.events.list(runId),
      record: await server.db.runs.get(runId),
      answer: await owner.runs.get.query({ runId }),
      list: await owner.runs.list.query({ workspaceId: TEST_WORKSPACE }),
    };
  }

  it('answers names, hints and who set them, never a value', async () => {
    const before = await owner.credentials.list.query({ workspaceId: TEST_WORKSPACE });
    const token = before.find((credential) => credential.name === 'echo-token');
    expect(token).toMatchObject({ hint: 'echo', createdBy: { name: 'Test Owner' } });
    // A value shorter than 16 characters shows none of itself.
    const short = await owner.credentials.set.mutate({
      workspaceId: TEST_WORKSPACE,
      name: 'short',
      value: 'short-12',
    });
    expect(short).toMatchObject({ name: 'short', hint: '', created: true });
    const replaced = await owner.credentials.set.mutate({
      workspaceId: TEST_WORKSPACE,
      name: 'short',
      value: 'another-value-of-some-length',
    });
    expect(replaced).toMatchObject({ hint: 'anot', created: false });
    const refused = await rejection(
      owner.credentials.set.mutate({ workspaceId: TEST_WORKSPACE, name: 'tiny', value: 'abc1' }),
    );
    expect(refused.data?.code).toBe('BAD_REQUEST');
    expect(refused.message).toBe('Invalid input at "value": must be at least 8 characters');
    const after = await owner.credentials.list.query({ workspaceId: TEST_WORKSPACE });
    expect(after.map((credential) => credential.name)).toEqual([
      'echo-login',
      'echo-token',
      'llm',
      'short',
    ]);
    expectNoSecret('credentials.list', after);
    expect(JSON.stringify(after)).not.toContain('another-value');
    const stored = await server.db.credentials.get(TEST_WORKSPACE, 'echo-token');
    expect(stored?.secret).toMatch(/^v1:/);
    expect(stored?.secret).not.toContain(TOKEN);
    const audit = await server.db.audit.list(TEST_WORKSPACE);
    const sets = audit.filter((entry) => entry.action === 'credential.set');
    expect(sets.map((entry) => entry.details)).toContainEqual({ name: 'short', created: false });
    expectNoSecret('the audit log', audit);
  });

  it('sends the credentials of the run, and writes their values nowhere', async () => {
    const graph = await saved(
      graphDocument(
        'Echoes',
        [
          node('start', 'input'),
          node('first', 'http.request', { url: echo.url, auth: { credential: 'echo-token' } }),
          node('again', 'http.request', { url: echo.url, auth: { credential: 'echo-token' } }),
          node('login', 'http.request', {
            url: echo.url,
            auth: { credential: 'echo-login', scheme: 'basic' },
          }),
          node('chat', 'llm.chat', {
            baseUrl: llm.url,
            model: 'test',
            credential: 'llm',
            stream: false,
            prompt: 'Say {{body.authorization}}',
          }),
          node('done', 'output'),
        ],
        [edge('start', 'first'), edge('first', 'again'), edge('again', 'login')].concat([
          edge('login', 'chat'),
          edge('chat', 'done'),
        ]),
      ),
    );
    const seenBefore = echo.seen.length;
    const { run, streamed } = await runToEnd(graph.id);
    expect(streamed.at(-1)?.type).toBe('run.succeeded');
    // The requests really carried the values…
    expect(echo.seen.slice(seenBefore).map((headers) => headers.authorization)).toEqual([
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}`,
      `Basic ${BASIC}`,
    ]);
    expect(llm.requests.at(-1)?.headers.authorization).toBe(`Bearer ${LLM_KEY}`);
    // …and the echoes of them were redacted from all the run wrote.
    const left = await traces(run.id, streamed);
    for (const [where, value] of Object.entries(left)) expectNoSecret(where, value);
    expectNoSecret('the log', log.lines);
    const login = left.answer.nodes.find((state) => state.nodeId === 'login');
    expect(login?.output).toMatchObject({ body: { authorization: 'Basic [redacted]' } });
    expect(left.record?.output).toMatchObject({
      text: expect.stringContaining('You said: Say Basic [redacted];') as unknown,
    });
    // One use per credential for the run, however many nodes used it.
    const uses = (await server.db.audit.list(TEST_WORKSPACE)).filter(
      (entry) => entry.action === 'credential.use' && entry.details?.runId === run.id,
    );
    expect(uses.map((entry) => entry.details?.name).sort()).toEqual([
      'echo-login',
      'echo-token',
      'llm',
    ]);
  });

  it('redacts a value that a node puts in its error and its logs', async () => {
    const graph = await saved(
      graphDocument(
        'Leaky code',
        [
          node('start', 'input'),
          node('fetch', 'http.request', { url: echo.url, auth: { credential: 'echo-token' } }),
          node('leak', 'code', {
            source:
              "console.log('got', input.body.authorization);\nthrow new Error('upstream said ' + input.body.authorization);",
          }),
          node('done', 'output'),
        ],
        [edge('start', 'fetch'), edge('fetch', 'leak'), edge('leak', 'done')],
      ),
    );
    const { run, streamed } = await runToEnd(graph.id);
    const left = await traces(run.id, streamed);
    for (const [where, value] of Object.entries(left)) expectNoSecret(where, value);
    expectNoSecret('the log', log.lines);
    expect(left.record).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('upstream said Bearer [redacted]') as unknown },
    });
    const logged = left.events.find(
      (event) => event.type === 'node.progress' && event.nodeId === 'leak',
    );
    expect(JSON.stringify(logged?.data)).toContain('got Bearer [redacted]');
  });

  it("never gives a run another workspace's credentials or graphs", async () => {
    const other = (await owner.workspaces.create.mutate({ name: 'Elsewhere' })).workspaceId;
    const seenBefore = echo.seen.length;
    const borrowing = await saved(
      graphDocument(
        'Borrower',
        [
          node('start', 'input'),
          node('fetch', 'http.request', { url: echo.url, auth: { credential: 'echo-token' } }),
          node('done', 'output'),
        ],
        [edge('start', 'fetch'), edge('fetch', 'done')],
      ),
      other,
    );
    const { streamed } = await runToEnd(borrowing.id);
    const failed = streamed.find((event) => event.type === 'node.failed');
    expect(failed?.error).toMatchObject({
      code: 'INVALID_CONFIG',
      message: 'The credential "echo-token" is not defined',
    });
    expect(echo.seen.length).toBe(seenBefore);

    const inner = await saved(
      graphDocument(
        'Inner',
        [node('start', 'input'), node('done', 'output')],
        [edge('start', 'done')],
      ),
    );
    const nesting = (ref: string) =>
      graphDocument(
        'Nesting',
        [node('start', 'input'), node('sub', 'subgraph', { graph: ref }), node('done', 'output')],
        [edge('start', 'sub'), edge('sub', 'done')],
      );
    const sameWorkspace = await saved(nesting(inner.id));
    expect((await runToEnd(sameWorkspace.id, { a: 1 })).streamed.at(-1)?.type).toBe(
      'run.succeeded',
    );
    const across = await saved(nesting(inner.id), other);
    const crossed = await runToEnd(across.id, { a: 1 });
    expect(crossed.streamed.find((event) => event.type === 'node.failed')?.error).toMatchObject({
      code: 'NOT_FOUND',
      message: `Subgraph "${inner.id}" is not a saved graph of this workspace`,
    });
  });

  it('lets editors list names, only admins set and delete, and nobody else see them', async () => {
    const [admin, editor, runner, viewer] = await Promise.all(
      (['admin', 'editor', 'runner', 'viewer'] as const).map((role) =>
        addMember(server, TEST_WORKSPACE, role),
      ),
    );
    const names = await editor!.credentials.list.query({ workspaceId: TEST_WORKSPACE });
    expect(names.map((credential) => credential.name)).toContain('echo-token');
    const input = { workspaceId: TEST_WORKSPACE, name: 'echo-token' };
    const refused = [
      () => editor!.credentials.set.mutate({ ...input, value: 'a replaced value' }),
      () => editor!.credentials.delete.mutate(input),
      () => runner!.credentials.list.query({ workspaceId: TEST_WORKSPACE }),
      () => viewer!.credentials.list.query({ workspaceId: TEST_WORKSPACE }),
    ];
    for (const call of refused) expect((await rejection(call())).data?.code).toBe('FORBIDDEN');
    expect(
      (await owner.credentials.list.query({ workspaceId: TEST_WORKSPACE })).map((c) => c.hint),
    ).toContain('echo');
    const outsider = (await owner.workspaces.create.mutate({ name: 'Not theirs' })).workspaceId;
    expect(
      (await rejection(editor!.credentials.list.query({ workspaceId: outsider }))).data?.code,
    ).toBe('NOT_FOUND');
    await admin!.credentials.set.mutate({ ...input, name: 'temporary', value: 'temporary-value' });
    expect(await admin!.credentials.delete.mutate({ ...input, name: 'temporary' })).toEqual({
      name: 'temporary',
      deleted: true,
    });
    expect(
      (await rejection(admin!.credentials.delete.mutate({ ...input, name: 'temporary' }))).data
        ?.code,
    ).toBe('NOT_FOUND');
    const deleted = (await server.db.audit.list(TEST_WORKSPACE)).find(
      (entry) => entry.action === 'credential.delete',
    );
    expect(deleted?.details).toEqual({ name: 'temporary' });
  });
});
