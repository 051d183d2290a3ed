import { describe, expect, it, vi } from 'vitest';
import { createTestTelemetry } from '../test/telemetry.js';
import { createChain, type ChainOptions } from './chain.js';
import { Graph, type GraphOptions } from './graph/index.js';
import { createOrchestrator } from './orchestrator.js';
import type { WorkflowContext } from './workflow.js';

const never = () => new Promise<never>(() => undefined);

describe('createOrchestrator: configuration', () => {
  it('exposes the validated configuration with defaults', () => {
    const orchestrator = createOrchestrator({ graph: { maxWorkers: 3 } });
    expect(orchestrator.config.graph).toEqual({ maxWorkers: 3, queueSize: 1_000_000 });
    expect(orchestrator.config.enableChains).toBe(true);
  });

  it('rejects an invalid configuration naming the field', () => {
    expect(() => createOrchestrator({ graph: { maxWorkers: 0 } })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field: 'graph.maxWorkers' }),
    );
  });

  it.each([
    ['enableChains', (o: ReturnType<typeof createOrchestrator>) => o.createChain([])],
    ['enableGraphs', (o: ReturnType<typeof createOrchestrator>) => o.createGraph()],
    ['enableWorkflows', (o: ReturnType<typeof createOrchestrator>) => o.createWorkflow(() => 1)],
  ])('refuses to create a kind disabled by %s with INVALID_STATE', (toggle, create) => {
    const orchestrator = createOrchestrator({ [toggle]: false });
    expect(() => create(orchestrator)).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE', field: toggle }),
    );
  });
});

describe('createOrchestrator: creating', () => {
  it('creates working chains, graphs and workflows', async () => {
    const orchestrator = createOrchestrator();
    const chain = orchestrator.createChain<number, number>([(n: number) => n + 1], { name: 'inc' });
    await expect(chain.invoke(1)).resolves.toBe(2);
    expect(chain.name).toBe('inc');
    const graph = orchestrator
      .createGraph({ name: 'g' })
      .addNode('a', (n) => Number(n) * 2)
      .addNode('b', (n) => Number(n) + 1)
      .addEdge('a', 'b');
    expect(graph).toBeInstanceOf(Graph);
    await expect(graph.invoke(5)).resolves.toBe(11);
    const workflow = orchestrator.createWorkflow((n: number) => n * 3);
    const { workflowId } = await workflow.execute(2);
    await expect(workflow.getResult(workflowId)).resolves.toBe(6);
  });

  it('applies its defaults, which explicit options override', () => {
    const seen: { chain?: ChainOptions; graph?: GraphOptions } = {};
    const orchestrator = createOrchestrator({
      defaultTimeoutMs: 1234,
      chain: { defaultRetries: 2 },
      graph: { maxWorkers: 3, queueSize: 9 },
    });
    orchestrator.registerChainProvider('spy', (steps, options) => {
      seen.chain = options;
      return createChain(steps, options);
    });
    orchestrator.registerGraphProvider('spy', (options) => {
      seen.graph = options;
      return new Graph(options);
    });
    orchestrator.createChain([], { provider: 'spy', retries: 0 });
    orchestrator.createGraph({ provider: 'spy', maxWorkers: 5 });
    expect(seen.chain).toMatchObject({ timeoutMs: 1234, retries: 0 });
    expect(seen.chain).not.toHaveProperty('provider');
    expect(seen.graph).toMatchObject({ timeoutMs: 1234, maxWorkers: 5, queueSize: 9 });
  });

  it('sets no default deadline when defaultTimeoutMs is 0', () => {
    const orchestrator = createOrchestrator({ defaultTimeoutMs: 0 });
    const factory = vi.fn((options: GraphOptions) => new Graph(options));
    orchestrator.registerGraphProvider('spy', factory);
    orchestrator.createGraph({ provider: 'spy' });
    expect(factory.mock.calls[0]?.[0]).not.toHaveProperty('timeoutMs');
  });
});

describe('createOrchestrator: providers', () => {
  it('selects a registered provider by name, as a factory or an object', () => {
    const orchestrator = createOrchestrator();
    const custom = createChain([], { name: 'custom' });
    orchestrator.registerChainProvider('fn', () => custom);
    orchestrator.registerChainProvider('object', { create: () => custom });
    expect(orchestrator.createChain([], { provider: 'fn' }).name).toBe('custom');
    expect(orchestrator.createChain([], { provider: 'object' }).name).toBe('custom');
  });

  it('answers NOT_FOUND naming an unknown provider and listing the registered ones', () => {
    const orchestrator = createOrchestrator();
    expect(() => orchestrator.createWorkflow(() => 1, { provider: 'temporal' })).toThrow(
      expect.objectContaining({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/"temporal".*registered: local/) as unknown,
        details: { provider: 'temporal', available: ['local'] },
      }),
    );
  });

  it('uses the configured default workflow provider', async () => {
    const orchestrator = createOrchestrator({ workflow: { defaultProvider: 'mine' } });
    const create = vi.fn((fn: (input: unknown, ctx: WorkflowContext) => unknown) => {
      return createOrchestrator().createWorkflow(fn);
    });
    orchestrator.registerWorkflowProvider('mine', { create } as never);
    const workflow = orchestrator.createWorkflow(() => 'ok');
    await expect(workflow.getResult((await workflow.execute(null)).workflowId)).resolves.toBe('ok');
    expect(create).toHaveBeenCalledOnce();
  });

  it('refuses a duplicate name, a blank name and a provider without create', () => {
    const orchestrator = createOrchestrator();
    expect(() => orchestrator.registerGraphProvider('local', (o) => new Graph(o))).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE', field: 'name' }),
    );
    expect(() => orchestrator.registerGraphProvider(' ', (o) => new Graph(o))).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field: 'name' }),
    );
    expect(() => orchestrator.registerGraphProvider('x', {} as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field: 'provider' }),
    );
  });
});

describe('createOrchestrator: telemetry switches', () => {
  it('records nothing when metrics and tracing are disabled', async () => {
    const otel = createTestTelemetry();
    const orchestrator = createOrchestrator(
      { metricsEnabled: false, tracingEnabled: false },
      { telemetry: otel.telemetry },
    );
    await orchestrator.createChain([(n: number) => n]).invoke(1);
    expect(otel.spans()).toEqual([]);
    expect(await otel.points('beluga.orchestration.executions')).toEqual([]);
  });

  it('records through the given providers when enabled', async () => {
    const otel = createTestTelemetry();
    const orchestrator = createOrchestrator({}, { telemetry: otel.telemetry });
    await orchestrator.createChain([(n: number) => n], { name: 'c' }).invoke(1);
    expect(otel.spans().map((span) => span.name)).toContain('chain c');
    expect(await otel.sum('beluga.orchestration.executions', { kind: 'chain' })).toBe(1);
  });
});

describe('createOrchestrator: concurrency cap', () => {
  it('refuses executions past maxConcurrentExecutions with RESOURCE_EXHAUSTED', async () => {
    const orchestrator = createOrchestrator({ maxConcurrentExecutions: 1 });
    const controller = new AbortController();
    const running = orchestrator.createChain([never]).invoke(1, { signal: controller.signal });
    const refused = orchestrator.createGraph().addNode('a', () => 1);
    await expect(refused.invoke(1)).rejects.toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      field: 'maxConcurrentExecutions',
    });
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(refused.invoke(1)).resolves.toBe(1);
  });
});
