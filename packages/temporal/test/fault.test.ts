// Kill the worker in the middle of a run: a second worker finishes it, the events show the node
// that was retried, and nothing is lost or repeated.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeRegistry } from '@beluga/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphWorker, createGraphWorkflow, type RunEventDraft } from '../src/index.js';
import { chainDocument, startHarness, type Harness } from './harness.js';

let h: Harness;
let dir: string;
let held: HeldServer;

/** An HTTP server that holds every request until released (the node in flight when we kill). */
interface HeldServer {
  url: string;
  requests: number;
  /** Resolves when the next request arrives. */
  nextRequest(): Promise<void>;
  release(): void;
  close(): Promise<void>;
}

async function startHeldServer(): Promise<HeldServer> {
  const waiting: ServerResponse[] = [];
  let released = false;
  let onRequest: (() => void) | undefined;
  const server: Server = createServer((_request, response) => {
    self.requests++;
    onRequest?.();
    if (!released) return void waiting.push(response);
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const self: HeldServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: 0,
    nextRequest: () => new Promise((resolve) => (onRequest = resolve)),
    release() {
      released = true;
      for (const response of waiting.splice(0)) response.destroy();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return self;
}

beforeAll(async () => {
  [h, held] = await Promise.all([startHarness(), startHeldServer()]);
  dir = await mkdtemp(join(tmpdir(), 'beluga-fault-'));
});
afterAll(async () => {
  await Promise.all([h?.stop(), held?.close(), dir && rm(dir, { recursive: true, force: true })]);
});

function startChildWorker(taskQueue: string, bundlePath: string): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('./faultWorker.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--conditions=@beluga/source', '--import', 'tsx', script],
    {
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: h.temporal.address,
        TASK_QUEUE: taskQueue,
        BUNDLE_PATH: bundlePath,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  child.on('message', (message: { runId?: string; events?: RunEventDraft[] }) => {
    if (message.runId && message.events) void h.sink.append(message.runId, message.events);
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the worker process exited with ${code}`)));
  });
}

describe('a worker killed in the middle of a run', () => {
  it('is replaced by another worker that finishes the run, retrying the lost node', async () => {
    const taskQueue = `fault-${crypto.randomUUID()}`;
    const bundlePath = join(dir, 'bundle.js');
    await writeFile(bundlePath, h.bundle.code);
    const child = await startChildWorker(taskQueue, bundlePath);
    const exited = new Promise((resolve) => child.once('exit', resolve));

    const document = chainDocument('fault', [
      { id: 'prepare', type: 'transform', config: { expression: '{ "id": id }' } },
      {
        id: 'call',
        type: 'http.request',
        config: { url: `${held.url}/items/{{id}}`, responseType: 'json' },
      },
    ]);
    const graphs = createGraphWorkflow(h.client, { taskQueue });
    const requested = held.nextRequest();
    const { workflowId } = await graphs.execute({
      document,
      input: { id: 7 },
      limits: { heartbeatTimeoutMs: 2000 },
    });
    await requested; // the child's attempt 1 of `call` is in flight
    child.kill('SIGKILL');
    await exited;
    held.release();

    const worker = await createGraphWorker({
      connection: h.connection,
      taskQueue,
      registry: createNodeRegistry({ network: { allowPrivateNetworks: true } }),
      sink: h.sink,
      workflowBundle: h.bundle,
    });
    const output = await worker.runUntil(graphs.getResult(workflowId));
    expect(output).toMatchObject({ status: 200, body: { ok: true } });
    expect(held.requests).toBe(2);

    const events = h.sink.events(workflowId);
    const call = events.filter((e) => e.nodeId === 'call').map((e) => `${e.type} ${e.attempt}`);
    expect(call).toEqual([
      'node.queued 0',
      'node.started 1',
      'node.retrying 1',
      'node.started 2',
      'node.succeeded 2',
    ]);
    expect(events.find((e) => e.type === 'node.retrying')?.error).toMatchObject({
      message: 'Attempt 1 did not finish: its worker stopped or timed out',
    });
    // Every node succeeded once, every event is there once, numbered without gaps.
    const succeeded = events.filter((e) => e.type === 'node.succeeded').map((e) => e.nodeId);
    expect(succeeded).toEqual(['in', 'prepare', 'call', 'out']);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]?.type).toBe('run.started');
    expect(events.at(-1)?.type).toBe('run.succeeded');
  });
});
