import { describe, expect, it } from 'vitest';
import type { RunEvent } from './events.js';
import { createOrchestrator } from './orchestrator.js';
import type { WorkflowContext } from './workflow.js';

const fail = () => Promise.reject(new Error('boom'));

async function drain(stream: AsyncIterable<RunEvent>): Promise<string[]> {
  const types: string[] = [];
  for await (const event of stream) types.push(event.type);
  return types;
}

describe('Orchestrator.getMetrics', () => {
  it('starts at zero', () => {
    expect(createOrchestrator().getMetrics()).toEqual({
      activeChains: 0,
      activeGraphs: 0,
      activeWorkflows: 0,
      totalExecutions: 0,
      errorCount: 0,
    });
  });

  it('counts chain runs while they run, and their failures', async () => {
    const orchestrator = createOrchestrator();
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const chain = orchestrator.createChain([() => gate]);
    const running = chain.invoke(1);
    expect(orchestrator.getMetrics()).toMatchObject({ activeChains: 1, totalExecutions: 1 });
    release();
    await running;
    await orchestrator
      .createChain([fail])
      .invoke(1)
      .catch(() => undefined);
    expect(orchestrator.getMetrics()).toMatchObject({
      activeChains: 0,
      totalExecutions: 2,
      errorCount: 1,
    });
  });

  it('counts graph runs, a batch item by item', async () => {
    const orchestrator = createOrchestrator();
    const graph = orchestrator.createGraph().addNode('a', (n) => n);
    await graph.batch([1, 2, 3], { maxConcurrency: 2 });
    expect(orchestrator.getMetrics()).toMatchObject({ activeGraphs: 0, totalExecutions: 3 });
  });

  it('counts streams, a run.failed event as an error', async () => {
    const orchestrator = createOrchestrator();
    const ok = await drain(orchestrator.createChain([(n: number) => n]).stream(1));
    const failed = await drain(orchestrator.createGraph().addNode('a', fail).stream(1));
    expect(ok.at(-1)).toBe('run.succeeded');
    expect(failed.at(-1)).toBe('run.failed');
    expect(orchestrator.getMetrics()).toMatchObject({
      activeChains: 0,
      activeGraphs: 0,
      totalExecutions: 2,
      errorCount: 1,
    });
  });

  it('does not count cancellations as errors', async () => {
    const orchestrator = createOrchestrator();
    const controller = new AbortController();
    const chain = orchestrator.createChain([() => new Promise(() => undefined)]);
    const running = chain.invoke(1, { signal: controller.signal });
    controller.abort();
    await running.catch(() => undefined);
    expect(orchestrator.getMetrics()).toMatchObject({ totalExecutions: 1, errorCount: 0 });
  });

  it('counts workflow executions until they close', async () => {
    const orchestrator = createOrchestrator();
    const workflow = orchestrator.createWorkflow((_: null, ctx: WorkflowContext) =>
      ctx.waitForSignal('go'),
    );
    const failing = orchestrator.createWorkflow(fail);
    const { workflowId } = await workflow.execute(null);
    expect(orchestrator.getMetrics()).toMatchObject({ activeWorkflows: 1, totalExecutions: 1 });
    await workflow.signal(workflowId, 'go');
    await workflow.getResult(workflowId);
    await failing.getResult((await failing.execute(null)).workflowId).catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(orchestrator.getMetrics()).toMatchObject({
      activeWorkflows: 0,
      totalExecutions: 2,
      errorCount: 1,
    });
  });

  it('counts executions refused at the cap as errors', async () => {
    const orchestrator = createOrchestrator({ maxConcurrentExecutions: 1 });
    const controller = new AbortController();
    const hang = orchestrator.createChain([() => new Promise(() => undefined)]);
    const running = hang.invoke(1, { signal: controller.signal });
    await orchestrator
      .createChain([])
      .invoke(1)
      .catch(() => undefined);
    expect(orchestrator.getMetrics()).toMatchObject({ totalExecutions: 2, errorCount: 1 });
    controller.abort();
    await running.catch(() => undefined);
  });
});
