// The worker against a real Temporal dev server: in-process through startWorker, and as the
// `main.ts` process that stops gracefully on SIGTERM.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTemporalDevServer, type TemporalDevServer } from '@beluga/testkit';
import {
  bundleGraphWorkflows,
  createGraphWorkflow,
  createMemoryRunEventSink,
} from '@beluga/temporal';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, type WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../src/index.js';

let temporal: TemporalDevServer;
let bundle: WorkflowBundle;
let connection: Connection;
let client: Client;

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  [temporal, bundle] = await Promise.all([
    startTemporalDevServer(),
    bundleGraphWorkflows({ logger: new DefaultLogger('WARN') }),
  ]);
  connection = await Connection.connect({ address: temporal.address });
  client = new Client({ connection, namespace: temporal.namespace });
});
afterAll(async () => {
  await connection?.close();
  await temporal?.stop();
});

const document = {
  format: 'beluga.graph/v1',
  id: 'hello',
  name: 'hello',
  nodes: [
    { id: 'in', type: 'input', position: { x: 0, y: 0 }, config: {} },
    {
      id: 'greet',
      type: 'transform',
      position: { x: 1, y: 0 },
      config: { expression: '"Hello, " & name' },
    },
    { id: 'out', type: 'output', position: { x: 2, y: 0 }, config: {} },
  ],
  edges: [
    { id: 'a', source: 'in', target: 'greet' },
    { id: 'b', source: 'greet', target: 'out' },
  ],
};

describe('startWorker', () => {
  it('runs graphs on its task queue until stopped', async () => {
    const sink = createMemoryRunEventSink();
    const running = await startWorker({
      address: temporal.address,
      taskQueue: 'in-process',
      sink,
      workflowBundle: bundle,
      maxConcurrentActivities: 4,
    });
    const graphs = createGraphWorkflow(client, { taskQueue: 'in-process' });
    const { workflowId } = await graphs.execute({ document, input: { name: 'Ada' } });
    await expect(graphs.getResult(workflowId)).resolves.toBe('Hello, Ada');
    expect(sink.events(workflowId).at(-1)?.type).toBe('run.succeeded');
    await running.stop();
    expect(running.worker.getState()).toBe('STOPPED');
  });
});

describe('the worker process', () => {
  it('serves the task queue from the environment and exits 0 on SIGTERM', async () => {
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--conditions=@beluga/source', '--import', 'tsx', main],
      {
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: temporal.address,
          TEMPORAL_TASK_QUEUE: 'from-env',
          BELUGA_WORKER_MAX_ACTIVITIES: '2',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const lines: Record<string, unknown>[] = [];
    let onLine: (() => void) | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      onLine?.();
    });
    const logged = (msg: string) =>
      new Promise<void>((resolve) => {
        onLine = () => {
          if (lines.some((line) => line.msg === msg)) resolve();
        };
        onLine();
      });
    await Promise.race([logged('worker started'), exited]);
    const graphs = createGraphWorkflow(client, { taskQueue: 'from-env' });
    const { workflowId } = await graphs.execute({ document, input: { name: 'Grace' } });
    await expect(graphs.getResult(workflowId)).resolves.toBe('Hello, Grace');
    await logged('run event');
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'run event', type: 'run.succeeded', runId: workflowId }),
    );
    child.kill('SIGTERM');
    await expect(exited).resolves.toBe(0);
    expect(lines.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['worker stopping', 'worker stopped']),
    );
  });
});
