import { describe, expect, it } from 'vitest';
import * as orchestration from './index.js';
import * as scheduler from './scheduler/index.js';

describe('public entry points', () => {
  it('exposes the factories of the seed', () => {
    for (const name of [
      'createOrchestrator',
      'createChain',
      'createGraph',
      'createWorkflow',
      'runnable',
      'BufferMemory',
    ]) {
      expect(typeof (orchestration as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('runs a chain whose step is a graph, through the orchestrator', async () => {
    const orchestrator = orchestration.createOrchestrator();
    const graph = orchestrator
      .createGraph({ name: 'g' })
      .addNode('double', (x) => (x as number) * 2);
    const chain = orchestrator.createChain([graph, (x: unknown) => (x as number) + 1], {
      name: 'c',
    });
    await expect(chain.invoke(20)).resolves.toBe(41);
    expect(orchestrator.getMetrics()).toMatchObject({ totalExecutions: 2, errorCount: 0 });
  });

  it('publishes the pure scheduler on its own subpath', () => {
    expect(Object.keys(scheduler).sort()).toEqual([
      'NodeState',
      'Scheduler',
      'compilePlan',
      'topologicalOrder',
      'tryCompilePlan',
    ]);
  });
});
