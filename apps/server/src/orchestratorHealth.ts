import type { ApiServices } from '@beluga/api';
import type { Logger } from '@beluga/observability';

type HealthReport = Awaited<ReturnType<ApiServices['orchestrator']['check']>>;
type HealthCheck = HealthReport['checks'][number];

/**
 * The orchestrator's own checks, about this process: their messages and details are counts,
 * never configuration. The others (`provider:<kind>:<name>`) are its providers' own checks.
 */
const OWN_CHECKS = new Set(['providers', 'capacity', 'errors']);

/**
 * The error rate is the users' graphs failing, not this process: it is reported, but neither
 * liveness nor readiness depends on it (restarting or draining servers would not fix a graph).
 */
const ERROR_RATE_CHECK = 'errors';

export interface OrchestratorHealth {
  /** The orchestrator's own verdict. */
  status: HealthReport['status'];
  checks: HealthCheck[];
  /**
   * False when this process's engine is broken: check() failed, or one of its own checks other
   * than the error rate is unhealthy (no provider for graphs). Capacity is at worst degraded:
   * a busy process is alive, and restarting it would only end the runs in flight.
   */
  alive: boolean;
  /** Alive, and no provider reports itself unhealthy (an outside service it needs is down). */
  ready: boolean;
}

/**
 * A check as callers see it. A provider's check may quote its error (hosts, users): only its
 * name and status go out; its message goes to the log.
 */
function publicCheck(check: HealthCheck, logger: Logger | undefined): HealthCheck {
  if (OWN_CHECKS.has(check.name)) return check;
  if (check.message) logger?.error({ check: check.name, error: check.message }, 'health check');
  return { name: check.name, status: check.status };
}

const failing = (checks: HealthCheck[], own: boolean) =>
  checks.some(
    (check) =>
      check.status === 'unhealthy' &&
      check.name !== ERROR_RATE_CHECK &&
      OWN_CHECKS.has(check.name) === own,
  );

/** The orchestrator's health for /healthz and /readyz; never throws. */
export async function orchestratorHealth(
  orchestrator: ApiServices['orchestrator'],
  logger: Logger | undefined,
): Promise<OrchestratorHealth> {
  let report: HealthReport;
  try {
    report = await orchestrator.check();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger?.error({ error: message }, 'orchestrator health check failed');
    const failed = { name: 'check', status: 'unhealthy' as const, message: 'The check failed' };
    return { status: 'unhealthy', checks: [failed], alive: false, ready: false };
  }
  const alive = !failing(report.checks, true);
  const checks = report.checks.map((check) => publicCheck(check, logger));
  return { status: report.status, checks, alive, ready: alive && !failing(report.checks, false) };
}
