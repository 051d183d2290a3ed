import { availableParallelism } from 'node:os';
import { OrchestratorError } from '@beluga/orchestration';
import { abortError, CODE_OP } from './nodeErrors.js';
import { retiresWorker, type SandboxJob, type SandboxOutcome } from './protocol.js';
import { SandboxWorker, type ExecuteOptions } from './sandboxWorker.js';

export interface CodeSandboxPoolOptions {
  /** Most worker threads at once; more executions queue. Default: CPUs − 1, between 1 and 4. */
  maxWorkers?: number;
  /** An idle worker ends after this long, giving back its WASM memory. Default 30 s. */
  idleTimeoutMs?: number;
}

/** Worker threads that run `code` nodes, each with QuickJS loaded once. */
export interface CodeSandboxPool {
  run(job: SandboxJob, options: ExecuteOptions): Promise<SandboxOutcome>;
  /** Ends every worker; executions still running fail. The pool restarts workers on next use. */
  close(): Promise<void>;
}

interface Waiter {
  resolve: (worker: SandboxWorker) => void;
  reject: (error: Error) => void;
  signal: AbortSignal;
  onAbort: () => void;
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
  return new SandboxPool(
    options.maxWorkers ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
    options.idleTimeoutMs ?? 30_000,
  );
}

class SandboxPool implements CodeSandboxPool {
  readonly #all = new Set<SandboxWorker>();
  readonly #idle = new Map<SandboxWorker, NodeJS.Timeout>();
  readonly #waiters: Waiter[] = [];
  #starting = 0;

  constructor(
    private readonly maxWorkers: number,
    private readonly idleTimeoutMs: number,
  ) {}

  async run(job: SandboxJob, options: ExecuteOptions): Promise<SandboxOutcome> {
    const worker = await this.#acquire(options.signal);
    try {
      const outcome = await worker.execute(job, options);
      if (retiresWorker(outcome)) void worker.retire();
      return outcome;
    } finally {
      this.#release(worker);
    }
  }

  async close(): Promise<void> {
    for (const waiter of this.#waiters.splice(0)) this.#reject(waiter, closedError());
    for (const timer of this.#idle.values()) clearTimeout(timer);
    this.#idle.clear();
    const workers = [...this.#all];
    this.#all.clear();
    await Promise.all(workers.map((worker) => worker.retire('the code sandbox was closed')));
  }

  #acquire(signal: AbortSignal): Promise<SandboxWorker> {
    if (signal.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: () => this.#abandon(waiter) };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
      this.#pump();
    });
  }

  #abandon(waiter: Waiter): void {
    const index = this.#waiters.indexOf(waiter);
    if (index >= 0) this.#waiters.splice(index, 1);
    waiter.reject(abortError(waiter.signal));
  }

  /** Hands idle workers to waiters, and starts workers while there is room. */
  #pump(): void {
    while (this.#waiters.length > 0) {
      const idle = this.#idle.keys().next();
      if (!idle.done) {
        clearTimeout(this.#idle.get(idle.value));
        this.#idle.delete(idle.value);
        this.#handOver(idle.value);
      } else if (this.#all.size + this.#starting < this.maxWorkers) {
        this.#start();
        return;
      } else {
        return;
      }
    }
  }

  #handOver(worker: SandboxWorker): void {
    const waiter = this.#waiters.shift();
    if (!waiter) return this.#park(worker);
    waiter.signal.removeEventListener('abort', waiter.onAbort);
    worker.ref();
    waiter.resolve(worker);
  }

  #start(): void {
    this.#starting += 1;
    let worker: SandboxWorker | undefined;
    let ready: Promise<void>;
    try {
      worker = new SandboxWorker((exited) => this.#forget(exited));
      ready = worker.ready;
    } catch (error) {
      ready = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    ready.then(
      () => {
        this.#starting -= 1;
        if (!worker) return;
        this.#all.add(worker);
        this.#handOver(worker);
        this.#pump();
      },
      (error: unknown) => {
        this.#starting -= 1;
        // Fail one waiter per failed start: a broken installation fails runs instead of looping.
        const waiter = this.#waiters.shift();
        if (waiter) this.#reject(waiter, startError(error));
        this.#pump();
      },
    );
  }

  #reject(waiter: Waiter, error: Error): void {
    waiter.signal.removeEventListener('abort', waiter.onAbort);
    waiter.reject(error);
  }

  #release(worker: SandboxWorker): void {
    if (worker.alive) return this.#handOver(worker);
    this.#forget(worker);
  }

  #park(worker: SandboxWorker): void {
    worker.unref();
    const timer = setTimeout(() => {
      this.#forget(worker);
      void worker.retire();
    }, this.idleTimeoutMs);
    timer.unref();
    this.#idle.set(worker, timer);
  }

  #forget(worker: SandboxWorker): void {
    clearTimeout(this.#idle.get(worker));
    this.#idle.delete(worker);
    if (this.#all.delete(worker)) this.#pump();
  }
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
