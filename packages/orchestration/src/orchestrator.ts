import { createNoopMeter, ProxyTracerProvider, type MeterProvider } from '@opentelemetry/api';
import { createChain, type Chain, type ChainOptions, type ChainStep } from './chain.js';
import { parseConfig, type OrchestratorConfig, type OrchestratorConfigInput } from './config.js';
import { OrchestratorError } from './errors.js';
import {
  ExecutionTracker,
  trackRunnable,
  trackWorkflow,
  type OrchestratorMetrics,
} from './executionTracker.js';
import { createGraph, type Graph, type GraphOptions } from './graph/index.js';
import type { HealthReport } from './health.js';
import { checkHealth } from './orchestratorHealth.js';
import {
  ProviderRegistry,
  type ChainProvider,
  type GraphProvider,
  type ProviderInput,
  type WorkflowProvider,
} from './providers.js';
import type { ExecutionKind, Logger, TelemetryOptions } from './telemetry.js';
import {
  createWorkflow,
  type Workflow,
  type WorkflowFunction,
  type WorkflowOptions,
} from './workflow.js';

/** What an orchestrator is given rather than configured with. */
export interface OrchestratorDeps {
  /** Where spans and metrics go; the global OpenTelemetry providers by default. */
  telemetry?: TelemetryOptions;
  logger?: Logger;
}

/** `provider` picks a registered provider by name. */
export type CreateChainOptions = ChainOptions & { provider?: string };
export type CreateGraphOptions = GraphOptions & { provider?: string };
export type CreateWorkflowOptions = WorkflowOptions & { provider?: string };

/** Creates chains, graphs and workflows with shared defaults, providers, counters and health. */
export interface Orchestrator {
  readonly config: OrchestratorConfig;
  createChain<I = unknown, O = unknown>(
    steps: readonly ChainStep[],
    options?: CreateChainOptions,
  ): Chain<I, O>;
  createGraph(options?: CreateGraphOptions): Graph;
  createWorkflow<I = unknown, O = unknown>(
    fn: WorkflowFunction<I, O>,
    options?: CreateWorkflowOptions,
  ): Workflow<I, O>;
  /** Counters over everything created through this orchestrator. */
  getMetrics(): OrchestratorMetrics;
  check(): Promise<HealthReport>;
  registerChainProvider(name: string, provider: ProviderInput<ChainProvider>): void;
  registerGraphProvider(name: string, provider: ProviderInput<GraphProvider>): void;
  registerWorkflowProvider(name: string, provider: ProviderInput<WorkflowProvider>): void;
}

const noopMeterProvider: MeterProvider = { getMeter: () => createNoopMeter() };
/** A proxy provider with no delegate hands out no-op tracers. */
const noopTracerProvider = new ProxyTracerProvider();

function telemetryFor(config: OrchestratorConfig, deps: OrchestratorDeps): TelemetryOptions {
  return {
    tracerProvider: config.tracingEnabled ? deps.telemetry?.tracerProvider : noopTracerProvider,
    meterProvider: config.metricsEnabled ? deps.telemetry?.meterProvider : noopMeterProvider,
  };
}

const TITLES: Record<ExecutionKind, string> = {
  chain: 'Chain',
  graph: 'Graph',
  workflow: 'Workflow',
};

/** Creating a kind the configuration disables is INVALID_STATE, naming the toggle. */
function ensureEnabled(enabled: boolean, kind: ExecutionKind): void {
  if (enabled) return;
  const toggle = `enable${TITLES[kind]}s`;
  throw new OrchestratorError({
    code: 'INVALID_STATE',
    op: `create${TITLES[kind]}`,
    message: `${TITLES[kind]}s are disabled by the configuration (${toggle}: false)`,
    field: toggle,
  });
}

/**
 * Creates an orchestrator (the seed's NewOrchestrator). The configuration is validated
 * (INVALID_CONFIG naming the bad field); the `local` providers are registered.
 *
 * @example
 * const orchestrator = createOrchestrator({ graph: { maxWorkers: 8 } }, { logger });
 * const chain = orchestrator.createChain([fetchPage, summarise], { name: 'digest' });
 * await chain.invoke(url);
 * orchestrator.getMetrics(); // { activeChains: 0, ..., totalExecutions: 1, errorCount: 0 }
 * await orchestrator.check(); // { status: 'healthy', checks: [...] }
 */
export function createOrchestrator(
  config: OrchestratorConfigInput = {},
  deps: OrchestratorDeps = {},
): Orchestrator {
  const resolved = parseConfig(config);
  const tracker = new ExecutionTracker(resolved.maxConcurrentExecutions);
  const telemetry = telemetryFor(resolved, deps);
  const shared = { telemetry, ...(deps.logger ? { logger: deps.logger } : {}) };
  const timeoutMs = resolved.defaultTimeoutMs > 0 ? { timeoutMs: resolved.defaultTimeoutMs } : {};
  const registries = {
    chain: new ProviderRegistry<ChainProvider>('chain'),
    graph: new ProviderRegistry<GraphProvider>('graph'),
    workflow: new ProviderRegistry<WorkflowProvider>('workflow'),
  };
  registries.chain.register('local', createChain);
  registries.graph.register('local', createGraph);
  registries.workflow.register('local', { create: createWorkflow });

  return {
    config: resolved,
    createChain<I = unknown, O = unknown>(
      steps: readonly ChainStep[],
      options: CreateChainOptions = {},
    ) {
      ensureEnabled(resolved.enableChains, 'chain');
      const { provider = 'local', ...chainOptions } = options;
      const defaults = { ...timeoutMs, retries: resolved.chain.defaultRetries, ...shared };
      const chain = registries.chain.get(provider).create(steps, { ...defaults, ...chainOptions });
      return trackRunnable(chain, 'chain', tracker) as unknown as Chain<I, O>;
    },
    createGraph(options: CreateGraphOptions = {}) {
      ensureEnabled(resolved.enableGraphs, 'graph');
      const { provider = 'local', ...graphOptions } = options;
      const { maxWorkers, queueSize } = resolved.graph;
      const defaults = { ...timeoutMs, maxWorkers, queueSize, ...shared };
      const graph = registries.graph.get(provider).create({ ...defaults, ...graphOptions });
      return trackRunnable(graph, 'graph', tracker);
    },
    createWorkflow<I = unknown, O = unknown>(
      fn: WorkflowFunction<I, O>,
      options: CreateWorkflowOptions = {},
    ) {
      ensureEnabled(resolved.enableWorkflows, 'workflow');
      const { provider = resolved.workflow.defaultProvider, ...workflowOptions } = options;
      const defaults = { taskQueue: resolved.workflow.taskQueue, ...shared };
      const workflow = registries.workflow
        .get(provider)
        .create(fn, { ...defaults, ...workflowOptions });
      return trackWorkflow(workflow, tracker);
    },
    getMetrics: () => tracker.snapshot(),
    check: () => checkHealth({ config: resolved, metrics: tracker.snapshot(), registries }),
    registerChainProvider: (name, provider) => registries.chain.register(name, provider),
    registerGraphProvider: (name, provider) => registries.graph.register(name, provider),
    registerWorkflowProvider: (name, provider) => registries.workflow.register(name, provider),
  };
}
