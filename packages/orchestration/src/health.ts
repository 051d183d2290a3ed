/** Ordered from best to worst. */
const STATUSES = ['healthy', 'degraded', 'unhealthy'] as const;

export type HealthStatus = (typeof STATUSES)[number];

/** What one component says about itself (a provider, a workflow). */
export interface HealthCheckResult {
  status: HealthStatus;
  message?: string;
  details?: Record<string, unknown>;
}

/** One named line of a health report. */
export interface HealthCheck extends HealthCheckResult {
  name: string;
}

/** The orchestrator's health: the worst of its checks, and the checks themselves. */
export interface HealthReport {
  status: HealthStatus;
  checks: HealthCheck[];
}

/** The worst of some statuses; healthy when there are none. */
export function worstStatus(statuses: Iterable<HealthStatus>): HealthStatus {
  let worst = 0;
  for (const status of statuses) worst = Math.max(worst, STATUSES.indexOf(status));
  return STATUSES[worst] ?? 'unhealthy';
}

/** True for a HealthCheckResult-shaped value with a known status. */
export function isHealthCheckResult(value: unknown): value is HealthCheckResult {
  if (typeof value !== 'object' || value === null) return false;
  const status = (value as { status?: unknown }).status;
  return STATUSES.includes(status as HealthStatus);
}
