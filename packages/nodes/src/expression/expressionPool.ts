import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { OrchestratorError } from '@beluga/orchestration';
import { createWorkerPool, type PooledWorker, type WorkerPool } from '../code/workerPool.js';
import { EXPRESSION_PROCESS_SOURCE } from './processSource.js';
import { ProcessWorker, type ProcessWorkerSpec } from './processWorker.js';
import type { ExpressionJob, ExpressionOutcome, ExpressionWorkerLimits } from './protocol.js';

const MB = 1024 * 1024;
/** Past JSONata's own timeout, the host waits this much longer before it kills the process. */
export const WATCHDOG_MARGIN_MS = 500;
/**
 * Heap of one expression process; past it V8 aborts that process and the evaluation fails. The
 * young generation stays small so that the old one's limit is most of the process's heap.
 */
export const EXPRESSION_HEAP_MB = { maxOldSpaceSizeMb: 256, maxSemiSpaceSizeMb: 8 };
const EXPRESSION_OP = 'node:expression';

export const WORKER_LIMITS: ExpressionWorkerLimits = {
  stackDepth: 500,
  sequenceLength: 1_000_000,
  maxStringChars: 4 * MB,
  maxOutputBytes: 10 * MB,
};

type ExpressionWorker = ProcessWorker<ExpressionJob, ExpressionOutcome>;

let spec: ProcessWorkerSpec<ExpressionOutcome> | undefined;
/** The live processes, for tests that kill one from outside. */
const processes = new Set<ExpressionWorker>();

function failure(kind: 'memory' | 'crash' | 'timeout', message: string): ExpressionOutcome {
  return { ok: false, failure: { kind, message } };
}

/** How an expression process starts; jsonata's path is resolved from this file (src/ or dist/). */
function expressionProcessSpec(): ProcessWorkerSpec<ExpressionOutcome> {
  spec ??= {
    source: EXPRESSION_PROCESS_SOURCE,
    config: {
      jsonataPath: createRequire(import.meta.url).resolve('jsonata'),
      limits: WORKER_LIMITS,
    },
    execArgv: [
      `--max-old-space-size=${EXPRESSION_HEAP_MB.maxOldSpaceSizeMb}`,
      `--max-semi-space-size=${EXPRESSION_HEAP_MB.maxSemiSpaceSizeMb}`,
      // JSONata needs no eval; without it nothing in the process can compile code from data.
      '--disallow-code-generation-from-strings',
    ],
    name: 'the expression process',
    // A process the host did not end died of its heap limit, or was killed as the machine ran
    // out of memory: either way the evaluation took more than it may.
    lost: (reason, retired) => failure(retired ? 'crash' : 'memory', reason),
    unresponsive: () => failure('timeout', 'unresponsive'),
    abortError: (signal) => cancelledError(EXPRESSION_OP, signal.reason),
  };
  return spec;
}

function startExpressionProcess(
  onExit: (worker: PooledWorker<ExpressionJob, ExpressionOutcome>) => void,
): ExpressionWorker {
  const worker: ExpressionWorker = new ProcessWorker(expressionProcessSpec(), (exited) => {
    processes.delete(worker);
    onExit(exited);
  });
  processes.add(worker);
  return worker;
}

/** @internal The expression processes alive now, for tests that kill one from outside. */
export function expressionProcesses(): { pid: number; busy: boolean }[] {
  return [...processes].flatMap(({ pid, busy }) => (pid === undefined ? [] : [{ pid, busy }]));
}

export type ExpressionPool = WorkerPool<ExpressionJob, ExpressionOutcome>;

/**
 * Child processes that evaluate JSONata: few (expressions are short), warm and reused, each job
 * bounded by a watchdog. Processes, not threads: a thread's heap limit does not hold against one
 * big allocation, which aborts the whole host (nodejs/node#47224); a process's does.
 */
export function createExpressionPool(): ExpressionPool {
  return createWorkerPool<ExpressionJob, ExpressionOutcome>({
    start: startExpressionProcess,
    maxWorkers: Math.max(1, Math.min(2, availableParallelism() - 1)),
    idleTimeoutMs: 30_000,
    watchdogMs: (job) => job.timeLimitMs + WATCHDOG_MARGIN_MS,
    // JSONata keeps no state between evaluations, but a failed one (a limit, a timeout) can
    // leave the heap full of its garbage: the next job must not run out of memory for it. A
    // fresh process costs ~50 ms, and only after a failure.
    retires: (outcome) => !outcome.ok,
    abortError: (signal) => cancelledError(EXPRESSION_OP, signal.reason),
    closedError: () =>
      cancelledError(EXPRESSION_OP, undefined, 'The expression processes were closed'),
    startError: (cause) =>
      new OrchestratorError({
        code: 'EXECUTION_FAILED',
        op: EXPRESSION_OP,
        message: `The expression process could not start: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      }),
    closeReason: 'the expression processes were closed',
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
 * Ends the child processes that evaluate JSONata expressions. Not needed for a process to exit
 * (idle ones do not hold it open); useful in servers' shutdown and in tests. Evaluations still
 * running fail; later ones start new processes.
 */
export async function closeExpressionWorkers(): Promise<void> {
  await sharedPool?.close();
}
