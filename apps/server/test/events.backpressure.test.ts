import { request, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  startTestServer,
  testDatabase,
  type TestServer,
  TEST_WORKSPACE,
} from './harness.js';
import {
  eventsUrl,
  importGraph,
  oneTo,
  RawSubscription,
  readSse,
  runEventBatches,
  transformChain,
} from './streaming.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * The JS heap, plus the ArrayBuffers it points to (encoded chunks, socket buffers) except on
 * PGlite, whose WASM memory is an ArrayBuffer that grows with the data stored and never shrinks.
 */
function memory(backend: string): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + (backend === 'postgres' ? usage.arrayBuffers : 0);
}

/** Opens an SSE response and never reads it: node stops reading the socket once its buffer is full. */
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

function openWithoutReading(url: string, cookie: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { accept: 'text/event-stream', cookie } }, resolve)
      .on('error', reject)
      .end();
  });
}

// 5,000 nodes × 3 events, most carrying a ~1.9 kB preview: ~30 MB of events, far more than the
// kernel's socket buffers (a few MB on loopback) can hide.
const NODES = 5_000;
const PAYLOAD = 'x'.repeat(1_900);

describe.each(BACKENDS)('a slow SSE consumer on %s', (backend) => {
  let server: TestServer;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await testDatabase(backend);
    drop = database.drop;
    server = await startTestServer({ db: database.db });
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await drop();
  });

  it('costs the server a bounded amount of memory, then gets every event', async () => {
    const graphId = await importGraph(server.client, transformChain(NODES));
    const run = await server.client.runs.start.mutate({ graphId, input: PAYLOAD });
    // After the start: the compiled graph the server keeps for the next start is not the
    // consumer's doing. Nothing subscribes yet, and the collections block the event loop.
    const baseline = memory(backend);
    const url = eventsUrl(server.url, { runId: run.id });
    const paused = await openWithoutReading(url, server.cookie);

    // A second, reading subscriber tells when the run has finished, and how big its events are.
    const reader = await RawSubscription.open(server.url, { cookie: server.cookie, runId: run.id });
    let totalBytes = 0;
    while (await reader.next()) {
      const message = reader.messages.pop();
      if (message?.event === 'message') totalBytes += message.data.length;
      reader.events.length = 0;
    }
    const count = Number(reader.lastId);
    // The events are stored before the run's status changes; the run lets go of its state then.
    for (let check = 0; check < 1000; check += 1) {
      const [latest] = await server.client.runs.list.query({
        workspaceId: TEST_WORKSPACE,
        graphId,
        limit: 1,
      });
      if (latest?.status !== 'running') break;
    }
    expect(
      (await server.client.runs.list.query({ workspaceId: TEST_WORKSPACE, graphId }))[0]?.status,
    ).toBe('succeeded');
    const growth = memory(backend) - baseline;
    console.info(
      `[${backend}] ${count} events, ${mb(totalBytes)} as SSE data; server memory growth with a paused consumer: ${mb(growth)} (its socket has read ${mb(paused.socket.bytesRead)})`,
    );
    // A server that buffered the paused consumer's events would hold all of them (totalBytes,
    // ~12 MB). A bounded one holds other things too — socket buffers, what the run leaves in
    // caches, the garbage of the reader's calls (each one looks up its session since accounts) —
    // measured 1.4–3.2 MB: half the events tells the two apart with room for that noise.
    expect(growth).toBeLessThan(totalBytes / 2);

    const seqs: number[] = [];
    const stream = Readable.toWeb(paused) as ReadableStream<Uint8Array>;
    for await (const batch of runEventBatches(readSse(stream)))
      for (const event of batch.events) seqs.push(event.seq);
    expect(seqs).toEqual(oneTo(count));
  }, 120_000);
});
