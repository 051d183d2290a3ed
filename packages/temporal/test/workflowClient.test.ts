// The Workflow interface over @temporalio/client for code-first workflows, and the `temporal`
// provider of an orchestrator.
import { fileURLToPath } from 'node:url';
import { createOrchestrator } from '@beluga/orchestration';
import { freePort } from '@beluga/testkit';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTemporalWorkflowProvider, createWorkflow } from '../src/index.js';
import { chainDocument, startHarness, type Harness } from './harness.js';
import { reviewFlow } from './workflows.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
    worker: { maxValueChars: 5000 },
  });
});
afterAll(async () => {
  await h?.stop();
});

describe('a code-first workflow on Temporal', () => {
  it('runs through the orchestrator as the `temporal` provider: signals, queries, result', async () => {
    const orchestrator = createOrchestrator();
    orchestrator.registerWorkflowProvider('temporal', createTemporalWorkflowProvider(h.client));
    const workflow = orchestrator.createWorkflow(reviewFlow, {
      provider: 'temporal',
      taskQueue: h.taskQueue,
    });
    expect(workflow.name).toBe('reviewFlow');
    const { workflowId, runId } = await workflow.execute('draft-42');
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(workflow.query(workflowId, 'stage')).resolves.toBe('waiting');
    await workflow.signal(workflowId, 'review', { approved: true });
    await expect(workflow.getResult(workflowId)).resolves.toBe('draft-42: published');
    expect(orchestrator.getMetrics()).toMatchObject({ totalExecutions: 1, errorCount: 0 });
    await expect(orchestrator.check()).resolves.toMatchObject({ status: 'healthy' });
  });

  it('keeps the memo it was started with and refuses a second execution with a running id', async () => {
    const workflow = createWorkflow(h.client, reviewFlow, {
      taskQueue: h.taskQueue,
      memo: { team: 'docs' },
    });
    const { workflowId } = await workflow.execute('draft-7', { workflowId: 'review-draft-7' });
    const description = await h.client.workflow.getHandle(workflowId).describe();
    expect(description.memo).toEqual({ team: 'docs' });
    await expect(workflow.execute('again', { workflowId })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'Workflow execution "review-draft-7" is already running',
    });
    await workflow.cancel(workflowId);
    await expect(workflow.getResult(workflowId)).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('times out an execution past its timeoutMs with TIMEOUT', async () => {
    const workflow = createWorkflow(h.client, reviewFlow, {
      taskQueue: h.taskQueue,
      timeoutMs: 1000,
    });
    const { workflowId } = await workflow.execute('never reviewed');
    await expect(workflow.getResult(workflowId)).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: `Workflow execution "${workflowId}" timed out`,
    });
  });

  it('refuses a workflow function without a name', () => {
    expect(() => createWorkflow(h.client, () => Promise.resolve(1))).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field: 'workflowType' }),
    );
  });

  it('reports a reachable cluster as healthy and an unreachable one as unhealthy', async () => {
    const workflow = createWorkflow(h.client, reviewFlow, { taskQueue: h.taskQueue });
    await expect(workflow.check()).resolves.toMatchObject({ status: 'healthy' });
    const port = await freePort();
    const connection = Connection.lazy({ address: `127.0.0.1:${port}`, connectTimeout: 500 });
    try {
      const offline = createWorkflow(new Client({ connection }), reviewFlow, {
        checkTimeoutMs: 300,
      });
      await expect(offline.check()).resolves.toMatchObject({
        status: 'unhealthy',
        message: expect.stringMatching(/^Temporal is unreachable: /) as string,
      });
    } finally {
      await connection.close();
    }
  });
});

describe('values between nodes', () => {
  it('refuses a node output over the cap with a clear error instead of carrying it', async () => {
    const document = chainDocument('big', [
      { id: 'big', type: 'transform', config: { expression: '$pad("", 6000, "x")' } },
    ]);
    const { workflowId } = await h.graphs.execute({ document, input: {} });
    await expect(h.graphs.getResult(workflowId)).rejects.toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      message: expect.stringContaining(
        'Node "big" returned 6002 characters of JSON; runs on Temporal carry at most 5000 between nodes',
      ) as string,
    });
    expect(h.sink.events(workflowId).map((e) => e.type)).not.toContain('node.retrying');
  });
});
