import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { OrchestratorError } from '@beluga/orchestration';
import type { ThreadWorkerSpec } from '../code/threadWorker.js';
import { createWorkerPool, type WorkerPool } from '../code/workerPool.js';
import type { ExpressionJob, ExpressionOutcome, ExpressionWorkerLimits } from './protocol.js';
import { EXPRESSION_WORKER_SOURCE } from './workerSource.js';

const MB = 1024 * 1024;
/** Past JSONata's own timeout, the host waits this much longer before it terminates the thread. */
export const WATCHDOG_MARGIN_MS = 500;
/** Heap of one expression thread; past it the thread dies and the evaluation fails. */
export const EXPRESSION_HEAP_MB = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };
const EXPRESSION_OP = 'node:expression';

export const WORKER_LIMITS: ExpressionWorkerLimits = {
  stackDepth: 500,
  sequenceLength: 1_000_000,
  maxStringChars: 4 * MB,
  maxOutputBytes: 10 * MB,
};

let spec: ThreadWorkerSpec<ExpressionOutcome> | undefined;

function failure(kind: 'memory' | 'crash' | 'timeout', message: string): ExpressionOutcome {
  return { ok: false, failure: { kind, message } };
}

/** How an expression thread starts; jsonata's path is resolved from this file (src/ or dist/). */
function expressionThreadSpec(): ThreadWorkerSpec<ExpressionOutcome> {
  spec ??= {
    source: EXPRESSION_WORKER_SOURCE,
    workerData: {
      jsonataPath: createRequire(import.meta.url).resolve('jsonata'),
      limits: WORKER_LIMITS,
    },
    resourceLimits: EXPRESSION_HEAP_MB,
    name: 'the expression worker',
    lost: (reason, error) =>
      (error as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? failure('memory', reason)
        : failure('crash', reason),
    unresponsive: () => failure('timeout', 'unresponsive'),
    abortError: (signal) => cancelledError(EXPRESSION_OP, signal.reason),
  };
  return spec;
}

export type ExpressionPool = WorkerPool<ExpressionJob, ExpressionOutcome>;

/** Threads that evaluate JSONata: few (expressions are short), each job bounded by a watchdog. */
export function createExpressionPool(): ExpressionPool {
  return createWorkerPool<ExpressionJob, ExpressionOutcome>({
    thread: expressionThreadSpec,
    maxWorkers: Math.max(1, Math.min(2, availableParallelism() - 1)),
    idleTimeoutMs: 30_000,
    watchdogMs: (job) => job.timeLimitMs + WATCHDOG_MARGIN_MS,
    // A thread that survived its job is clean: JSONata keeps no state between evaluations.
    retires: () => false,
    abortError: (signal) => cancelledError(EXPRESSION_OP, signal.reason),
    closedError: () =>
      cancelledError(EXPRESSION_OP, undefined, 'The expression workers were closed'),
    startError: (cause) =>
      new OrchestratorError({
        code: 'EXECUTION_FAILED',
        op: EXPRESSION_OP,
        message: `The expression worker could not start: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      }),
    closeReason: 'the expression workers were closed',
  });
}

export function cancelledError(
  op: string,
  cause: unknown,
  message = 'The expression was cancelled',
): OrchestratorError {
  return new OrchestratorError({ code: 'CANCELLED', op, message, retryable: false, cause });
}

let sharedPool: ExpressionPool | undefined;

export function expressionPool(): ExpressionPool {
  return (sharedPool ??= createExpressionPool());
}

/**
 * Ends the worker threads that evaluate JSONata expressions. Not needed for a process to exit
 * (idle workers do not hold it open); useful in servers' shutdown and in tests. Evaluations
 * still running fail with CANCELLED; later ones start new workers.
 */
export async function closeExpressionWorkers(): Promise<void> {
  await sharedPool?.close();
}
