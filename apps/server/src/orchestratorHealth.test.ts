import { createGraph, createOrchestrator, type Orchestrator } from '@beluga/orchestration';
import { describe, expect, it } from 'vitest';
import { captureLog } from '../test/observability.js';
import { orchestratorHealth } from './orchestratorHealth.js';

/** Runs `count` one-node graphs through the orchestrator, `failing` of them failing. */
async function runGraphs(orchestrator: Orchestrator, count: number, failing: number) {
  for (let i = 0; i < count; i++) {
    const graph = orchestrator.createGraph().addNode('step', () => {
      if (i < failing) throw new Error('the API answered 500');
      return i;
    });
    await graph.invoke(null).catch(() => undefined);
  }
}

describe('orchestratorHealth', () => {
  it('reports a fresh orchestrator healthy, alive and ready, with its named checks', async () => {
    const health = await orchestratorHealth(createOrchestrator(), undefined);
    expect(health).toMatchObject({ status: 'healthy', alive: true, ready: true });
    expect(health.checks.map((check) => check.name)).toEqual(['providers', 'capacity', 'errors']);
    expect(health.checks.find((check) => check.name === 'capacity')).toMatchObject({
      message: '0 of 1000 executions running',
      details: { active: 0, max: 1000 },
    });
  });

  it('stays alive and ready when most graphs fail: the error rate is only reported', async () => {
    const orchestrator = createOrchestrator();
    await runGraphs(orchestrator, 20, 15);
    const health = await orchestratorHealth(orchestrator, undefined);
    expect(health).toMatchObject({ status: 'unhealthy', alive: true, ready: true });
    expect(health.checks.find((check) => check.name === 'errors')).toEqual({
      name: 'errors',
      status: 'unhealthy',
      message: '75% of executions failed',
      details: { errorCount: 15, totalExecutions: 20, errorRate: 0.75 },
    });
  });

  it('is neither alive nor ready when it has no provider for what it must make', async () => {
    const orchestrator = createOrchestrator({ workflow: { defaultProvider: 'temporal' } });
    const health = await orchestratorHealth(orchestrator, undefined);
    expect(health).toMatchObject({ status: 'unhealthy', alive: false, ready: false });
    expect(health.checks[0]).toMatchObject({ name: 'providers', status: 'unhealthy' });
  });

  it("is alive but not ready when a provider's service is down, and keeps its error in the log", async () => {
    const orchestrator = createOrchestrator();
    orchestrator.registerGraphProvider('remote', {
      create: createGraph,
      check: () => {
        throw new Error('connect ECONNREFUSED to postgres://beluga:s3cret@db.internal:5432');
      },
    });
    const { logger, lines } = captureLog();
    const health = await orchestratorHealth(orchestrator, logger);
    expect(health).toMatchObject({ status: 'unhealthy', alive: true, ready: false });
    expect(health.checks.at(-1)).toEqual({ name: 'provider:graph:remote', status: 'unhealthy' });
    expect(JSON.stringify(health)).not.toMatch(/s3cret|db\.internal|ECONNREFUSED/);
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'health check',
        check: 'provider:graph:remote',
        error: expect.stringContaining('ECONNREFUSED') as unknown,
      }),
    );
  });

  it('is neither alive nor ready when the check itself fails, and says so without its error', async () => {
    const broken = { check: () => Promise.reject(new Error('tracker state lost at 10.0.0.7')) };
    const { logger, lines } = captureLog();
    const health = await orchestratorHealth(broken, logger);
    expect(health).toEqual({
      status: 'unhealthy',
      checks: [{ name: 'check', status: 'unhealthy', message: 'The check failed' }],
      alive: false,
      ready: false,
    });
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'orchestrator health check failed' }),
    );
  });
});
