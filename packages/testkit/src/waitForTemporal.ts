import { setTimeout as delay } from 'node:timers/promises';
import { Connection } from '@temporalio/client';

export interface WaitForTemporalOptions {
  address: string;
  namespace: string;
  /** Give up after this long. */
  timeoutMs: number;
  /** Rejects when waiting is pointless (e.g. the server process has died). */
  abandon?: Promise<never>;
}

const ATTEMPT_TIMEOUT_MS = 2_000;
const POLL_INTERVAL_MS = 100;

/**
 * Polls the frontend until a client can connect and the namespace is served, with bounded
 * attempts. A port that merely accepts TCP is not enough: start-dev registers namespaces after
 * it begins listening.
 */
export async function waitForTemporal(options: WaitForTemporalOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const abandon = options.abandon ?? new Promise<never>(() => undefined);
  let lastError: unknown;
  while (Date.now() < deadline) {
    // A rejection of `abandon` propagates: there is nothing left to wait for.
    const outcome = await Promise.race([
      isServing(options.address, options.namespace).catch((error: unknown) => ({ error })),
      abandon,
    ]);
    if (outcome === true) return;
    lastError = outcome.error;
    await Promise.race([delay(POLL_INTERVAL_MS), abandon]);
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(
    `Temporal at ${options.address} was not ready within ${options.timeoutMs} ms (last error: ${reason})`,
    { cause: lastError },
  );
}

async function isServing(address: string, namespace: string): Promise<true> {
  const connection = Connection.lazy({ address, connectTimeout: ATTEMPT_TIMEOUT_MS });
  try {
    await connection.ensureConnected();
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}
