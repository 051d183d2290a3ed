import type { RunEvent } from '@beluga/orchestration';
import { createTestDatabase } from '@beluga/testkit';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, signedInClient, type Backend } from './harness.js';
import { killServers, spawnServer, type ServerProcess } from './serverProcess.js';
import {
  approvalChain,
  collectRun,
  importGraph,
  oneTo,
  RawSubscription,
  transformChain,
  waitingAt,
} from './streaming.js';

const seqs = (events: RunEvent[]) => events.map((event) => event.seq);
const SLOW = 60_000;

/** Where the spawned servers keep their data: a PGlite folder or a PostgreSQL test database. */
async function storage(
  backend: Backend,
): Promise<{ env: Record<string, string>; remove: () => Promise<unknown> }> {
  if (backend === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'beluga-restart-'));
    return { env: { DATA_DIR: dir }, remove: () => rm(dir, { recursive: true, force: true }) };
  }
  const database = await createTestDatabase({ prefix: 'beluga_restart' });
  return { env: { DATABASE_URL: database.url }, remove: () => database.drop() };
}

/** Starts a run that waits at its approval and returns it with the events streamed so far. */
async function runWaitingForApproval(server: ServerProcess) {
  const { client, workspaceId, cookie } = await signedInClient(server.url);
  const graphId = await importGraph(client, approvalChain(1), workspaceId);
  const run = await client.runs.start.mutate({ graphId, input: { ticket: 7 } });
  const stream = await RawSubscription.open(server.url, { cookie, runId: run.id });
  await stream.until(waitingAt('a1'));
  const detail = await client.runs.get.query({ runId: run.id });
  expect(detail.run.status).toBe('running');
  expect(detail.nodes.find((node) => node.nodeId === 'a1')?.status).toBe('waiting');
  return { run, stream };
}

describe.each(BACKENDS)('the real server process restarted on %s', (backend) => {
  let env: Record<string, string>;
  let remove: () => Promise<unknown>;

  beforeAll(async () => {
    const created = await storage(backend);
    remove = created.remove;
    env = { ...created.env, BELUGA_INSTANCE_ID: `restart-test-${backend}` };
  });
  afterEach(killServers);
  afterAll(() => remove());

  it(
    'a run killed (SIGKILL) mid-run is interrupted after the restart, its events intact',
    async () => {
      const first = await spawnServer(env);
      const { run, stream } = await runWaitingForApproval(first);
      const before = stream.events;
      stream.drop();
      first.child.kill('SIGKILL');
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

      const second = await spawnServer(env);
      expect(second.output()).toContain(run.id);
      const { client, workspaceId } = await signedInClient(second.url);
      const detail = await client.runs.get.query({ runId: run.id });
      expect(detail.run.status).toBe('interrupted');
      expect(detail.run.error).toEqual({
        code: 'INTERRUPTED',
        message: 'The server stopped while this run was running',
      });
      // A subscriber gets the whole story and the stream completes.
      const events = await collectRun(client, { runId: run.id });
      expect(events.slice(0, before.length)).toEqual(before);
      expect(events.slice(before.length)).toMatchObject([
        { type: 'run.failed', error: { code: 'INTERRUPTED' } },
      ]);
      expect(seqs(events)).toEqual(oneTo(events.length));

      // New runs work on the restarted server.
      const graphId = await importGraph(client, transformChain(3), workspaceId);
      const next = await client.runs.start.mutate({ graphId, input: 5 });
      const nextEvents = await collectRun(client, { runId: next.id });
      expect(nextEvents.at(-1)).toMatchObject({ type: 'run.succeeded', data: 5 });

      second.child.kill('SIGTERM');
      expect(await second.exited).toEqual({ code: 0, signal: null });
    },
    SLOW,
  );

  it(
    'SIGTERM stops gracefully: the running run ends cancelled and the process exits 0',
    async () => {
      const first = await spawnServer(env);
      const { run, stream } = await runWaitingForApproval(first);
      first.child.kill('SIGTERM');
      // The server drops open streams before it cancels the runs (their clients reconnect to
      // another server and read the end there): the stream is cut, not left hanging.
      await expect(stream.toEnd()).rejects.toThrow(/terminated/);
      expect(await first.exited).toEqual({ code: 0, signal: null });

      const second = await spawnServer(env);
      const { client } = await signedInClient(second.url);
      expect((await client.runs.get.query({ runId: run.id })).run.status).toBe('cancelled');
      const events = await collectRun(client, { runId: run.id });
      expect(events.at(-1)?.type).toBe('run.cancelled');
      expect(seqs(events)).toEqual(oneTo(events.length));
      second.child.kill('SIGTERM');
      expect(await second.exited).toEqual({ code: 0, signal: null });
    },
    SLOW,
  );
});
