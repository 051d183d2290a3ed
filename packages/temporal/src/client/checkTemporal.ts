import type { HealthCheckResult } from '@beluga/orchestration';
import type { Client } from '@temporalio/client';

/** Default bound of a health check: the client otherwise retries an unreachable cluster for long. */
export const DEFAULT_CHECK_TIMEOUT_MS = 5000;

/** Healthy when the cluster answers a cheap call (GetSystemInfo) within `timeoutMs`. */
export async function checkTemporal(
  client: Client,
  details: Record<string, unknown>,
  timeoutMs = DEFAULT_CHECK_TIMEOUT_MS,
): Promise<HealthCheckResult> {
  try {
    await client.connection.withDeadline(Date.now() + timeoutMs, () =>
      client.workflowService.getSystemInfo({}),
    );
    return { status: 'healthy', details };
  } catch (thrown) {
    const message = `Temporal is unreachable: ${(thrown as Error).message}`;
    return { status: 'unhealthy', message, details };
  }
}
