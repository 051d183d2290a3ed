import { availableParallelism } from 'node:os';
import { OrchestratorError } from '@beluga/orchestration';
import { abortError, CODE_OP } from './nodeErrors.js';
import {
  retiresWorker,
  type SandboxJob,
  type SandboxLog,
  type SandboxOutcome,
  type WorkerMessage,
} from './protocol.js';
import { sandboxThreadSpec, WATCHDOG_GRACE_MS } from './sandboxWorker.js';
import { createWorkerPool } from './workerPool.js';

export interface CodeSandboxPoolOptions {
  /** Most worker threads at once; more executions queue. Default: CPUs − 1, between 1 and 4. */
  maxWorkers?: number;
  /** An idle worker ends after this long, giving back its WASM memory. Default 30 s. */
  idleTimeoutMs?: number;
}

export interface ExecuteOptions {
  signal: AbortSignal;
  onLog: (log: SandboxLog) => void;
}

/** Worker threads that run `code` nodes, each with QuickJS loaded once. */
export interface CodeSandboxPool {
  run(job: SandboxJob, options: ExecuteOptions): Promise<SandboxOutcome>;
  /** Ends every worker; executions still running fail. The pool restarts workers on next use. */
  close(): Promise<void>;
}

/**
 * A pool of sandbox workers. Idle workers are unref'd and time out, so a process that never
 * calls close() still exits; busy ones are ref'd, so a process awaiting a result does not.
 *
 * @example
 * const pool = createCodeSandboxPool({ maxWorkers: 2 });
 * const node = createCodeNode({ pool });
 * // …
 * await pool.close();
 */
export function createCodeSandboxPool(options: CodeSandboxPoolOptions = {}): CodeSandboxPool {
  const pool = createWorkerPool<SandboxJob, SandboxOutcome>({
    thread: sandboxThreadSpec,
    maxWorkers: options.maxWorkers ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
    idleTimeoutMs: options.idleTimeoutMs ?? 30_000,
    watchdogMs: (job) => job.timeLimitMs + WATCHDOG_GRACE_MS,
    retires: retiresWorker,
    abortError: (signal) => abortError(signal),
    closedError,
    startError,
    closeReason: 'the code sandbox was closed',
  });
  return {
    run: (job, { signal, onLog }) =>
      pool.run(job, { signal, onMessage: (message) => forwardLog(message, onLog) }),
    close: () => pool.close(),
  };
}

function forwardLog(message: { type: string }, onLog: (log: SandboxLog) => void): void {
  if (message.type === 'log') onLog((message as Extract<WorkerMessage, { type: 'log' }>).log);
}

function closedError(): OrchestratorError {
  return new OrchestratorError({
    code: 'CANCELLED',
    op: CODE_OP,
    message: 'The code sandbox was closed',
    retryable: false,
  });
}

function startError(cause: unknown): OrchestratorError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new OrchestratorError({
    code: 'EXECUTION_FAILED',
    op: CODE_OP,
    message: `The code sandbox could not start: ${reason}`,
    cause,
  });
}
