import { access, constants, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEnd, spawnOwnedProcess } from './childProcess.js';
import { missingTemporalCliMessage, readTemporalCliPath } from './env.js';
import { freePort } from './freePort.js';
import { waitForTemporal } from './waitForTemporal.js';

/** A running `temporal server start-dev`, owned by the test that started it. */
export interface TemporalDevServer {
  /** gRPC frontend address, `127.0.0.1:<port>`, for `Connection` and `NativeConnection`. */
  readonly address: string;
  readonly namespace: 'default';
  /** Process id of the server, to check that it is gone after `stop()`. */
  readonly pid: number;
  /** Kills the server (SIGTERM, then SIGKILL after a bound) and removes its files. Idempotent. */
  stop(): Promise<void>;
}

export interface StartTemporalDevServerOptions {
  /** The Temporal CLI binary; defaults to TEMPORAL_CLI_PATH. */
  cliPath?: string;
  /** How long to wait for the server to serve the default namespace. Default 60 s. */
  readyTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. Default 5 s. */
  stopGraceMs?: number;
  /**
   * Dynamic config values, each `key=value` with a JSON value, passed as
   * `--dynamic-config-value` (e.g. `system.enableActivityEagerExecution=true`).
   */
  dynamicConfig?: string[];
}

/**
 * Starts a Temporal dev server on a free loopback port with its state in a temporary SQLite
 * file, and resolves once the default namespace is served.
 *
 * @example
 * const temporal = await startTemporalDevServer();
 * afterAll(() => temporal.stop());
 * const connection = await NativeConnection.connect({ address: temporal.address });
 */
export async function startTemporalDevServer(
  options: StartTemporalDevServerOptions = {},
): Promise<TemporalDevServer> {
  const cliPath = options.cliPath ?? readTemporalCliPath();
  await access(cliPath, constants.X_OK).catch((cause: unknown) => {
    throw new Error(missingTemporalCliMessage(cliPath), { cause });
  });
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const dir = await mkdtemp(join(tmpdir(), 'beluga-temporal-'));
  const server = spawnOwnedProcess(cliPath, [
    ...['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--headless'],
    ...['--db-filename', join(dir, 'temporal.sqlite'), '--log-level', 'warn'],
    ...(options.dynamicConfig ?? []).flatMap((value) => ['--dynamic-config-value', value]),
  ]);
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= server
      .stop(options.stopGraceMs ?? 5_000)
      .then(() => rm(dir, { recursive: true, force: true })));

  const died = server.ended.then((end) => {
    throw new Error(`temporal server start-dev ${describeEnd(end)}`);
  });
  died.catch(() => undefined); // observed through waitForTemporal; never unhandled
  try {
    await waitForTemporal({
      address,
      namespace: 'default',
      timeoutMs: options.readyTimeoutMs ?? 60_000,
      abandon: died,
    });
  } catch (cause) {
    await stop();
    const output = server.outputTail().trim() || '(no output)';
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`${reason}\n--- temporal output ---\n${output}`, { cause });
  }
  return { address, namespace: 'default', pid: server.child.pid ?? -1, stop };
}
