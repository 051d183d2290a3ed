import type { RunEvent } from '@beluga/orchestration';
import {
  createTestDatabase,
  startTemporalDevServer,
  type TemporalDevServer,
  type TestDatabase,
} from '@beluga/testkit';
import { openDatabase, type Database } from '@beluga/db';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, graphDocument, isRunEnd, node, waitForEvent, type Client } from './fixtures.js';
import { signedInClient } from './harness.js';
import { killServers, spawnServer, type ServerProcess } from './serverProcess.js';

const WORKER_DIR = fileURLToPath(new URL('../../worker', import.meta.url));
const TOKEN = 'temporal-tok-9a8b7c6d5e4f3a2b';
const KEY = randomBytes(32).toString('base64');

/** `apps/worker/src/main.ts` in its own process; resolves once it polls its task queue. */
async function spawnWorker(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(
    process.execPath,
    ['--conditions=@beluga/source', '--import', 'tsx', 'src/main.ts'],
    { cwd: WORKER_DIR, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('"msg":"worker started"')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the worker exited (${code}):\n${output}`)));
  });
  return { child, output: () => output };
}

/** A workflow's history as text, its payloads decoded. */
async function temporalHistory(address: string, workflowId: string): Promise<string> {
  const connection = await Connection.connect({ address });
  try {
    const history = await new TemporalClient({ connection }).workflow
      .getHandle(workflowId)
      .fetchHistory();
    // Payload data arrive as bytes or base64 text, depending on how the history was decoded.
    return JSON.stringify(history, (key, value: unknown) =>
      value instanceof Uint8Array
        ? Buffer.from(value).toString('utf8')
        : key === 'data' && typeof value === 'string'
          ? Buffer.from(value, 'base64').toString('utf8')
          : value,
    );
  } finally {
    await connection.close();
  }
}

async function stopWorker(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

// Production's shape: the server seals with BELUGA_CREDENTIALS_KEY; a worker process of its own,
// with the database and the same key, resolves the run's credentials and redacts them.
describe('credentials on Temporal: a worker process resolves them from the database', () => {
  let temporal: TemporalDevServer;
  let database: TestDatabase;
  let server: ServerProcess;
  let worker: Awaited<ReturnType<typeof spawnWorker>>;
  let db: Database;
  let echoServer: Server;
  let echoUrl: string;
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    echoServer = createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ authorization: request.headers.authorization ?? null }));
    });
    echoServer.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => echoServer.once('listening', resolve));
    echoUrl = `http://127.0.0.1:${(echoServer.address() as AddressInfo).port}/echo`;
    [temporal, database] = await Promise.all([
      startTemporalDevServer(),
      createTestDatabase({ prefix: 'beluga_credentials' }),
    ]);
    const shared = {
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: 'credentials',
      BELUGA_CREDENTIALS_KEY: KEY,
      BELUGA_ALLOW_PRIVATE_NETWORK: 'true',
      LOG_LEVEL: 'debug',
    };
    server = await spawnServer({ ...shared, BELUGA_INSTANCE_ID: 'credentials-server' });
    worker = await spawnWorker(shared);
    db = await openDatabase({ url: database.url });
  }, 180_000);
  afterAll(async () => {
    await stopWorker(worker?.child);
    await killServers();
    await db?.close();
    await temporal?.stop();
    await database?.drop();
    await new Promise((resolve) => echoServer?.close(resolve));
  }, 60_000);

  it("sends the run's credential from the worker, and the echo of it is nowhere", async () => {
    const { client, workspaceId }: { client: Client; workspaceId: string } = await signedInClient(
      server.url,
    );
    await client.credentials.set.mutate({ workspaceId, name: 'echo-token', value: TOKEN });
    const document = graphDocument(
      'Echo on Temporal',
      [
        node('start', 'input'),
        node('fetch', 'http.request', { url: echoUrl, auth: { credential: 'echo-token' } }),
        node('leak', 'code', {
          source: "console.log(input.body.authorization);\nreturn input.body.authorization + '!';",
        }),
        node('done', 'output'),
      ],
      [edge('start', 'fetch'), edge('fetch', 'leak'), edge('leak', 'done')],
    );
    const { graph } = await client.graphs.import.mutate({ workspaceId, document });
    const run = await client.runs.start.mutate({
      graphId: graph.id,
      input: {},
      executor: 'temporal',
    });
    const streamed: RunEvent[] = await waitForEvent(client, run.id, isRunEnd);
    expect(streamed.at(-1)?.type).toBe('run.succeeded');
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
    const answer = await client.runs.get.query({ runId: run.id });
    expect(answer.run.output).toBe('Bearer [redacted]!');
    const left = {
      stream: streamed,
      events: await db.events.list(run.id),
      record: await db.runs.get(run.id),
      answer,
      serverLog: server.output(),
      workerLog: worker.output(),
    };
    for (const [where, value] of Object.entries(left))
      expect(JSON.stringify(value), `${where} holds the secret`).not.toContain(TOKEN);
    for (const log of [left.serverLog, left.workerLog]) expect(log).not.toContain(KEY);
    // Temporal's own history of the run (node results and failures) never held it either.
    const history = await temporalHistory(temporal.address, answer.run.workflowId!);
    expect(history).toContain('Bearer [redacted]');
    expect(history).not.toContain(TOKEN);
    const uses = (await db.audit.list(workspaceId)).filter(
      (entry) => entry.action === 'credential.use' && entry.details?.runId === run.id,
    );
    expect(uses).toHaveLength(1);
  }, 60_000);
});
