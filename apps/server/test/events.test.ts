import type { RunEvent } from '@beluga/orchestration';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, testDatabase, type TestServer } from './harness.js';
import {
  approvalChain,
  collectRun,
  finished,
  importGraph,
  oneTo,
  RawSubscription,
  transformChain,
  waitingAt,
} from './streaming.js';

const seqs = (events: RunEvent[]) => events.map((event) => event.seq);

describe.each(BACKENDS)('run events over SSE on %s', (backend) => {
  let server: TestServer;
  let drop: () => Promise<void>;
  let approvals: string;
  let transforms: string;

  beforeAll(async () => {
    const database = await testDatabase(backend);
    drop = database.drop;
    server = await startTestServer({ db: database.db });
    approvals = await importGraph(server.client, approvalChain(3));
    transforms = await importGraph(server.client, transformChain(20));
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await drop();
  });

  // The test drops every connection on purpose: a call that went out on a dropped keep-alive
  // socket is sent again, as any client would.
  const approve = (runId: string, nodeId: string) =>
    server.client.runs.approve
      .mutate({ runId, nodeId })
      .catch((error: Error) =>
        error.message === 'fetch failed'
          ? server.client.runs.approve.mutate({ runId, nodeId })
          : Promise.reject(error),
      );

  it('speaks the tRPC SSE wire format: connected, batches whose id is their last seq, return', async () => {
    const run = await server.client.runs.start.mutate({ graphId: transforms, input: 1 });
    const stream = await RawSubscription.open(server.url, { cookie: server.cookie, runId: run.id });
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await stream.toEnd();
    expect(stream.messages[0]?.event).toBe('connected');
    expect(stream.messages.at(-1)?.event).toBe('return');
    for (const batch of stream.batches()) expect(batch.id).toBe(String(batch.seqs.at(-1)));
    expect(seqs(stream.events)).toEqual(oneTo(stream.events.length));
    expect(stream.events.at(-1)?.type).toBe('run.succeeded');
  });

  it('a raw client dropped mid-run resumes with Last-Event-ID: every event once, in order', async () => {
    const run = await server.client.runs.start.mutate({ graphId: approvals, input: 'x' });
    const first = await RawSubscription.open(server.url, { cookie: server.cookie, runId: run.id });
    await first.until(waitingAt('a1'));
    await approve(run.id, 'a1');
    await first.until(waitingAt('a2'));
    first.drop();
    // Events the client misses while it is away.
    await approve(run.id, 'a2');
    const second = await RawSubscription.open(server.url, {
      cookie: server.cookie,
      runId: run.id,
      lastEventIdHeader: first.lastId,
    });
    await second.until(waitingAt('a3'));
    expect(second.events[0]?.seq).toBe(Number(first.lastId) + 1);
    await approve(run.id, 'a3');
    await second.toEnd();
    const all = [...first.events, ...second.events];
    expect(seqs(all)).toEqual(oneTo(all.length));
    expect(all.at(-1)?.type).toBe('run.succeeded');
    expect(first.batches().length).toBeGreaterThan(1);
  });

  it('resumes from input.lastEventId too (how the tRPC client reconnects by itself)', async () => {
    const run = await server.client.runs.start.mutate({ graphId: transforms, input: 2 });
    const all = await collectRun(server.client, { runId: run.id });
    const from = all[9] as RunEvent;
    const resumed = await RawSubscription.open(server.url, {
      cookie: server.cookie,
      runId: run.id,
      lastEventIdInput: String(from.seq),
    });
    await resumed.toEnd();
    expect(resumed.events).toEqual(all.slice(10));
  });

  it('the tRPC client (httpSubscriptionLink + eventsource) reconnects after the server drops every connection, losing and repeating nothing', async () => {
    const run = await server.client.runs.start.mutate({ graphId: approvals, input: 'y' });
    let starts = 0;
    const decided = new Set<string>();
    const events = await new Promise<RunEvent[]>((resolve, reject) => {
      const all: RunEvent[] = [];
      const subscription = server.client.runs.events.subscribe(
        { runId: run.id },
        {
          onStarted: () => (starts += 1),
          onData: ({ data }) => {
            all.push(...data);
            for (const nodeId of ['a1', 'a2', 'a3']) {
              if (decided.has(nodeId) || !waitingAt(nodeId)(all)) continue;
              decided.add(nodeId);
              // Mid-run, twice: the approval's events happen while the client is away.
              if (nodeId !== 'a3') server.http.closeAllConnections();
              approve(run.id, nodeId).catch(reject);
            }
          },
          onError: (error) => {
            subscription.unsubscribe();
            reject(error);
          },
          onComplete: () => resolve(all),
        },
      );
    });
    expect(starts).toBe(3);
    expect(seqs(events)).toEqual(oneTo(events.length));
    expect(events.at(-1)?.type).toBe('run.succeeded');
    // EventSource waits 3 s before each reconnect.
  }, 30_000);

  it('a finished run replays everything and completes; from its last id, completes with nothing', async () => {
    const run = await server.client.runs.start.mutate({ graphId: transforms, input: 3 });
    const live = await collectRun(server.client, { runId: run.id });
    const replayed = await collectRun(server.client, { runId: run.id });
    expect(replayed).toEqual(live);
    expect(seqs(replayed)).toEqual(oneTo(replayed.length));
    const last = String(live.at(-1)?.seq);
    expect(await collectRun(server.client, { runId: run.id, lastEventId: last })).toEqual([]);
    const raw = await RawSubscription.open(server.url, {
      cookie: server.cookie,
      runId: run.id,
      lastEventIdHeader: last,
    });
    await raw.toEnd();
    expect(raw.messages.map((message) => message.event)).toEqual(['connected', 'return']);
  });

  it('an unknown run id is NOT_FOUND', async () => {
    const error = await collectRun(server.client, { runId: 'no-such-run' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({ code: 'NOT_FOUND' });
    const raw = await RawSubscription.open(server.url, {
      cookie: server.cookie,
      runId: 'no-such-run',
    });
    await raw.toEnd();
    const failure = raw.messages.find((message) => message.event === 'serialized-error');
    expect(JSON.parse(failure?.data ?? '{}')).toMatchObject({ data: { code: 'NOT_FOUND' } });
  });

  it('a subscriber that joins mid-run gets the history, then the live events', async () => {
    const run = await server.client.runs.start.mutate({ graphId: approvals, input: 'z' });
    const watcher = await RawSubscription.open(server.url, {
      cookie: server.cookie,
      runId: run.id,
    });
    await watcher.until(waitingAt('a1'));
    await approve(run.id, 'a1');
    await watcher.until(waitingAt('a2'));
    watcher.drop();
    const joiner = await RawSubscription.open(server.url, { cookie: server.cookie, runId: run.id });
    await joiner.until(waitingAt('a2'));
    expect(joiner.events).toEqual(watcher.events);
    await approve(run.id, 'a2');
    await joiner.until(waitingAt('a3'));
    await approve(run.id, 'a3');
    await joiner.toEnd();
    expect(seqs(joiner.events)).toEqual(oneTo(joiner.events.length));
    expect(finished(joiner.events)).toBe(true);
    expect(joiner.events.at(-1)?.type).toBe('run.succeeded');
  });
});
