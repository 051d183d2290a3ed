import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporalDevServer, type TemporalDevServer } from '../src/index.js';
import { createActivities } from './activities.js';
import { greetingWorkflow } from './workflows.js';

const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));

describe('a Temporal dev server from startTemporalDevServer', () => {
  let temporal: TemporalDevServer;

  beforeAll(async () => {
    // The worker's lifecycle chatter at INFO would bury the test report; warnings still show.
    Runtime.install({ logger: new DefaultLogger('WARN') });
    temporal = await startTemporalDevServer();
  }, 90_000);
  afterAll(async () => {
    await temporal?.stop();
  }, 30_000);

  it('runs a workflow that calls an activity, through a real worker', async () => {
    const taskQueue = `smoke-${randomUUID()}`;
    const workerConnection = await NativeConnection.connect({ address: temporal.address });
    const clientConnection = await Connection.connect({ address: temporal.address });
    try {
      const worker = await Worker.create({
        connection: workerConnection,
        namespace: temporal.namespace,
        taskQueue,
        workflowsPath,
        activities: createActivities(),
      });
      const client = new Client({ connection: clientConnection, namespace: temporal.namespace });
      const result = await worker.runUntil(
        client.workflow.execute(greetingWorkflow, {
          taskQueue,
          workflowId: `greeting-${randomUUID()}`,
          args: ['Beluga'],
        }),
      );
      expect(result).toBe('Hello, Beluga!');
      expect(worker.getState()).toBe('STOPPED');
    } finally {
      await clientConnection.close();
      await workerConnection.close();
    }
  }, 120_000);

  it('stop() ends the server process and frees its port', async () => {
    await temporal.stop();
    expect(() => process.kill(temporal.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    const port = Number(temporal.address.split(':')[1]);
    await expect(listenOnce(port)).resolves.toBe(port);
  }, 30_000);
});

describe('startTemporalDevServer failures', () => {
  it('names TEMPORAL_CLI_PATH and the test command when the binary is missing', async () => {
    await expect(startTemporalDevServer({ cliPath: '/nonexistent/temporal' })).rejects.toThrow(
      /TEMPORAL_CLI_PATH.*scripts\/test\.sh/,
    );
  });

  it('fails at once, saying how, when the server process dies while starting', async () => {
    await expect(startTemporalDevServer({ cliPath: '/bin/false' })).rejects.toThrow(
      /start-dev exited with code 1/,
    );
  });
});

/** Resolves with `port` if something can listen on it now. */
function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(port)));
  });
}
