import { describe, expect, it } from 'vitest';
import { createChain } from './chain.js';
import { worstStatus, type HealthReport } from './health.js';
import { createOrchestrator } from './orchestrator.js';
import { createWorkflow } from './workflow.js';

const checkNamed = (report: HealthReport, name: string) =>
  report.checks.find((check) => check.name === name);

describe('Orchestrator.check', () => {
  it('is healthy with the built-in providers', async () => {
    const report = await createOrchestrator().check();
    expect(report.status).toBe('healthy');
    expect(report.checks.map((check) => check.name)).toEqual(['providers', 'capacity', 'errors']);
    expect(checkNamed(report, 'providers')?.details).toEqual({
      chain: ['local'],
      graph: ['local'],
      workflow: ['local'],
    });
  });

  it('is unhealthy while the default workflow provider is not registered', async () => {
    const orchestrator = createOrchestrator({ workflow: { defaultProvider: 'temporal' } });
    const before = await orchestrator.check();
    expect(before.status).toBe('unhealthy');
    expect(checkNamed(before, 'providers')?.message).toContain('"temporal"');
    orchestrator.registerWorkflowProvider('temporal', { create: createWorkflow });
    expect((await orchestrator.check()).status).toBe('healthy');
  });

  it("aggregates the providers' own checks, the worst one winning", async () => {
    const orchestrator = createOrchestrator();
    const create = () => createChain([]);
    orchestrator.registerChainProvider('slow', {
      create,
      check: () => ({ status: 'degraded', message: 'high latency' }),
    });
    const report = await orchestrator.check();
    expect(report.status).toBe('degraded');
    expect(checkNamed(report, 'provider:chain:slow')).toEqual({
      name: 'provider:chain:slow',
      status: 'degraded',
      message: 'high latency',
    });
  });

  it('counts a provider check that throws, hangs or answers nonsense as unhealthy', async () => {
    const orchestrator = createOrchestrator({ healthCheckTimeoutMs: 20 });
    const create = () => createChain([]);
    orchestrator.registerChainProvider('throws', {
      create,
      check: () => Promise.reject(new Error('cluster unreachable')),
    });
    orchestrator.registerChainProvider('hangs', {
      create,
      check: () => new Promise(() => undefined),
    });
    orchestrator.registerChainProvider('nonsense', { create, check: () => ({}) as never });
    const report = await orchestrator.check();
    expect(report.status).toBe('unhealthy');
    expect(checkNamed(report, 'provider:chain:throws')?.message).toBe('cluster unreachable');
    expect(checkNamed(report, 'provider:chain:hangs')?.message).toMatch(/timed out after 20 ms/);
    expect(checkNamed(report, 'provider:chain:nonsense')?.status).toBe('unhealthy');
  });

  it('skips the providers of disabled kinds', async () => {
    const orchestrator = createOrchestrator({ enableChains: false });
    orchestrator.registerChainProvider('broken', {
      create: () => createChain([]),
      check: () => ({ status: 'unhealthy' }),
    });
    const report = await orchestrator.check();
    expect(report.status).toBe('healthy');
    expect(checkNamed(report, 'providers')?.details).not.toHaveProperty('chain');
  });

  it('is degraded near maxConcurrentExecutions', async () => {
    const orchestrator = createOrchestrator({ maxConcurrentExecutions: 1 });
    const controller = new AbortController();
    const running = orchestrator
      .createChain([() => new Promise(() => undefined)])
      .invoke(1, { signal: controller.signal });
    const report = await orchestrator.check();
    expect(checkNamed(report, 'capacity')).toMatchObject({
      status: 'degraded',
      details: { active: 1, max: 1 },
    });
    controller.abort();
    await running.catch(() => undefined);
  });

  it('judges the error rate once there are enough executions', async () => {
    const orchestrator = createOrchestrator();
    const failing = orchestrator.createChain([() => Promise.reject(new Error('x'))]);
    const working = orchestrator.createChain([(n: number) => n]);
    await Promise.all([1, 2, 3].map((n) => failing.invoke(n).catch(() => undefined)));
    expect(checkNamed(await orchestrator.check(), 'errors')?.status).toBe('healthy');
    await working.batch(Array.from({ length: 17 }, (_, i) => i));
    const degraded = await orchestrator.check();
    expect(checkNamed(degraded, 'errors')).toMatchObject({
      status: 'degraded',
      details: { errorCount: 3, totalExecutions: 20, errorRate: 0.15 },
    });
    await Promise.all(Array.from({ length: 20 }, () => failing.invoke(1).catch(() => undefined)));
    expect((await orchestrator.check()).status).toBe('unhealthy');
  });
});

describe('worstStatus', () => {
  it('takes the worst status, healthy for none', () => {
    expect(worstStatus([])).toBe('healthy');
    expect(worstStatus(['healthy', 'degraded'])).toBe('degraded');
    expect(worstStatus(['unhealthy', 'degraded', 'healthy'])).toBe('unhealthy');
  });
});
