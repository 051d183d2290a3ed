import { freePort } from '@beluga/testkit';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('../../server/', import.meta.url));

/** The real Beluga server (its `src/main.ts`, as `pnpm dev` starts it) on an empty database. */
export interface BelugaServer {
  url: string;
  /** Everything it wrote, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

export async function startBelugaServer(): Promise<BelugaServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'beluga-cli-server-'));
  const port = await freePort();
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  const child = spawn(
    process.execPath,
    ['--conditions=@beluga/source', '--import', 'tsx', 'src/main.ts'],
    {
      cwd: SERVER_DIR,
      env: {
        ...inherited,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        BELUGA_AUTH_SECRET: 'a test secret of more than thirty-two characters',
        BELUGA_SIGNIN_PER_MINUTE: '1000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('"msg":"server listening"')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`the server exited before listening:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in owner of the server's first account: its cookie and its workspace. */
export async function signUpOwner(url: string) {
  const response = await fetch(`${url}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({
      name: 'CLI Owner',
      email: 'cli-owner@example.test',
      password: 'correct horse battery staple',
    }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.startsWith('beluga.session_token='));
  if (!cookie) throw new Error(`sign-up failed: HTTP ${response.status} ${await response.text()}`);
  const call = callAs(url, cookie);
  const me = (await call.query('account.me')) as { workspaces: Array<{ workspaceId: string }> };
  return { cookie, workspaceId: me.workspaces[0]!.workspaceId, call };
}

/** tRPC over plain HTTP as the signed-in web page: `query` (GET) and `mutate` (POST). */
export function callAs(url: string, cookie: string) {
  const send = async (path: string, init: RequestInit & { query?: string }) => {
    const response = await fetch(`${url}/trpc/${path}${init.query ?? ''}`, {
      ...init,
      headers: { cookie, origin: url, 'content-type': 'application/json' },
    });
    const answer = (await response.json()) as { result?: { data: unknown }; error?: unknown };
    if (!answer.result) throw new Error(`${path}: ${JSON.stringify(answer.error)}`);
    return answer.result.data;
  };
  return {
    query: (path: string, input?: unknown) =>
      send(path, {
        method: 'GET',
        query: input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`,
      }),
    mutate: (path: string, input: unknown) =>
      send(path, { method: 'POST', body: JSON.stringify(input) }),
  };
}

/** A new API token of the signed-in account (better-auth's API key plugin). */
export async function createApiToken(url: string, cookie: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/api-key/create`, {
    method: 'POST',
    headers: { cookie, origin: url, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'cli test' }),
  });
  const body = (await response.json()) as { key?: string };
  if (!body.key) throw new Error(`no API key: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body.key;
}
