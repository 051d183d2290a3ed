import type { RunEvent } from '@beluga/orchestration';
import {
  createTestDatabase,
  startTemporalDevServer,
  type TemporalDevServer,
  type TestDatabase,
} from '@beluga/testkit';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInClient } from './harness.js';
import { killServers, spawnServer, type ServerProcess } from './serverProcess.js';
import { approvalChain, importGraph, oneTo, RawSubscription, waitingAt } from './streaming.js';

const WORKER_DIR = fileURLToPath(new URL('../../worker', import.meta.url));
const seqs = (events: RunEvent[]) => events.map((event) => event.seq);

/** `apps/worker/src/main.ts` in its own process; resolves once it polls its task queue. */
async function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
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
  return child;
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

// What a team that outgrew one machine runs: stateless API servers, workers, PostgreSQL and
// Temporal, every one its own process. The run's events travel worker → PostgreSQL → NOTIFY →
// whichever server a browser watches through.
describe('scale-out: two API servers, two workers, PostgreSQL and Temporal', () => {
  let temporal: TemporalDevServer;
  let database: TestDatabase;
  const workers: ChildProcess[] = [];
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    [temporal, database] = await Promise.all([
      startTemporalDevServer(),
      createTestDatabase({ prefix: 'beluga_scale' }),
    ]);
    const shared = {
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: 'scale-out',
    };
    // The first server migrates the database before anything else opens it.
    a = await spawnServer({ ...shared, BELUGA_INSTANCE_ID: 'server-a' });
    const started = await Promise.all([
      spawnServer({ ...shared, BELUGA_INSTANCE_ID: 'server-b' }),
      spawnWorker(shared),
      spawnWorker(shared),
    ]);
    b = started[0];
    workers.push(started[1], started[2]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(workers.map(stopWorker));
    await killServers();
    await temporal?.stop();
    await database?.drop();
  }, 60_000);

  it('a run started through A is watched live and approved through B', async () => {
    const { client: viaA, workspaceId } = await signedInClient(a.url);
    const { client: viaB, cookie: cookieB } = await signedInClient(b.url);
    await expect(viaB.runs.executors.query()).resolves.toEqual({
      executors: ['local', 'temporal'],
    });
    const graphId = await importGraph(viaA, approvalChain(3), workspaceId);
    const run = await viaA.runs.start.mutate({ graphId, input: 'scale', executor: 'temporal' });
    const stream = await RawSubscription.open(b.url, { cookie: cookieB, runId: run.id });
    // Each step waits for the test, so B can only see a step's events live.
    for (const nodeId of ['a1', 'a2', 'a3']) {
      await stream.until(waitingAt(nodeId));
      await viaB.runs.approve.mutate({ runId: run.id, nodeId });
    }
    await stream.toEnd();
    expect(seqs(stream.events)).toEqual(oneTo(stream.events.length));
    expect(stream.events.at(-1)?.type).toBe('run.succeeded');
    const seenByA = await viaA.runs.get.query({ runId: run.id });
    expect(seenByA.run).toMatchObject({ status: 'succeeded', executor: 'temporal' });
    expect(seenByA.lastSeq).toBe(stream.events.length);
  }, 120_000);
});
