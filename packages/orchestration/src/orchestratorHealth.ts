import type { OrchestratorConfig } from './config.js';
import { toError } from './errors.js';
import type { OrchestratorMetrics } from './executionTracker.js';
import { isHealthCheckResult, worstStatus, type HealthCheck, type HealthReport } from './health.js';
import type { ChainProvider, ProviderHealth, ProviderRegistry } from './providers.js';
import { createRunScope, untilAborted } from './runScope.js';
import type { ExecutionKind } from './telemetry.js';

/** Executions needed before the error rate says anything. */
const MIN_EXECUTIONS = 20;
/** Error rates from which the orchestrator is degraded, then unhealthy. */
const DEGRADED_ERROR_RATE = 0.1;
const UNHEALTHY_ERROR_RATE = 0.5;
/** Share of `maxConcurrentExecutions` in use from which the orchestrator is degraded. */
const DEGRADED_LOAD = 0.9;

export interface HealthInputs {
  config: OrchestratorConfig;
  metrics: OrchestratorMetrics;
  registries: Record<ExecutionKind, RegisteredProviders>;
}

/** What the health check reads of a provider registry. */
type RegisteredProviders = Pick<ProviderRegistry<ChainProvider>, 'names' | 'has'> & {
  entries(): [string, ProviderHealth][];
};

const KINDS: ExecutionKind[] = ['chain', 'graph', 'workflow'];

function enabledKinds(config: OrchestratorConfig): ExecutionKind[] {
  const enabled = {
    chain: config.enableChains,
    graph: config.enableGraphs,
    workflow: config.enableWorkflows,
  };
  return KINDS.filter((kind) => enabled[kind]);
}

/** Every enabled kind has its providers, and the default workflow provider exists. */
function providersCheck({ config, registries }: HealthInputs): HealthCheck {
  const kinds = enabledKinds(config);
  const details = Object.fromEntries(kinds.map((kind) => [kind, registries[kind].names()]));
  const { defaultProvider } = config.workflow;
  if (kinds.includes('workflow') && !registries.workflow.has(defaultProvider)) {
    const message = `The default workflow provider "${defaultProvider}" is not registered`;
    return { name: 'providers', status: 'unhealthy', message, details };
  }
  return { name: 'providers', status: 'healthy', details };
}

function capacityCheck({ config, metrics }: HealthInputs): HealthCheck {
  const active = metrics.activeChains + metrics.activeGraphs + metrics.activeWorkflows;
  const max = config.maxConcurrentExecutions;
  const status = active >= max * DEGRADED_LOAD ? 'degraded' : 'healthy';
  return {
    name: 'capacity',
    status,
    message: `${active} of ${max} executions running`,
    details: { active, max },
  };
}

function errorRateCheck({ metrics }: HealthInputs): HealthCheck {
  const { errorCount, totalExecutions } = metrics;
  const errorRate = totalExecutions === 0 ? 0 : errorCount / totalExecutions;
  const details = { errorCount, totalExecutions, errorRate };
  const name = 'errors';
  if (totalExecutions < MIN_EXECUTIONS) return { name, status: 'healthy', details };
  const message = `${Math.round(errorRate * 100)}% of executions failed`;
  if (errorRate >= UNHEALTHY_ERROR_RATE) return { name, status: 'unhealthy', message, details };
  if (errorRate >= DEGRADED_ERROR_RATE) return { name, status: 'degraded', message, details };
  return { name, status: 'healthy', details };
}

/** A provider's own check, bounded by `timeoutMs`; a throw, a hang or nonsense is unhealthy. */
async function providerCheck(
  name: string,
  provider: ProviderHealth,
  timeoutMs: number,
): Promise<HealthCheck> {
  const scope = createRunScope({
    timeoutMs,
    op: 'orchestrator.check',
    subject: `Health check ${name}`,
  });
  try {
    const result = await untilAborted(() => provider.check?.(), scope.signal);
    if (isHealthCheckResult(result)) return { ...result, name };
    return { name, status: 'unhealthy', message: 'The provider check returned no status' };
  } catch (error) {
    return { name, status: 'unhealthy', message: toError(error).message };
  } finally {
    scope.dispose();
  }
}

/** The orchestrator's health: its own checks and those of the enabled kinds' providers. */
export async function checkHealth(inputs: HealthInputs): Promise<HealthReport> {
  const timeoutMs = inputs.config.healthCheckTimeoutMs;
  const pending = enabledKinds(inputs.config).flatMap((kind) =>
    inputs.registries[kind]
      .entries()
      .filter(([, provider]) => typeof provider.check === 'function')
      .map(([name, provider]) => providerCheck(`provider:${kind}:${name}`, provider, timeoutMs)),
  );
  const checks = [
    providersCheck(inputs),
    capacityCheck(inputs),
    errorRateCheck(inputs),
    ...(await Promise.all(pending)),
  ];
  return { status: worstStatus(checks.map((check) => check.status)), checks };
}
