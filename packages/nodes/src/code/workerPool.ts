import { ThreadWorker, type ThreadExecuteOptions, type ThreadWorkerSpec } from './threadWorker.js';

/**
 * What the pool needs of one worker, a thread (./threadWorker.ts) or a child process (the
 * expression nodes'): it runs one job at a time and reports its end through `onExit`.
 */
export interface PooledWorker<Job, Outcome> {
  /** Settles once the worker can take jobs; rejects when it could not start. */
  readonly ready: Promise<void>;
  readonly alive: boolean;
  execute(job: Job, options: ThreadExecuteOptions): Promise<Outcome>;
  /** Ends the worker; a job still running settles as lost. */
  retire(reason?: string): Promise<void>;
  ref(): void;
  unref(): void;
}

/** Starts one worker; it calls `onExit` once, when it has ended for any reason. */
export type StartWorker<Job, Outcome> = (
  onExit: (worker: PooledWorker<Job, Outcome>) => void,
) => PooledWorker<Job, Outcome>;

/** A pool drives worker threads described by a spec, or workers of any kind from `start`. */
export type WorkerKind<Job, Outcome> =
  { thread: () => ThreadWorkerSpec<Outcome> } | { start: StartWorker<Job, Outcome> };

/** One kind of pooled worker: how it starts, how long its jobs may take, how its pool fails. */
export type WorkerPoolSpec<Job, Outcome> = WorkerKind<Job, Outcome> &
  WorkerPoolLimits<Job, Outcome>;

interface WorkerPoolLimits<Job, Outcome> {
  maxWorkers: number;
  idleTimeoutMs: number;
  /** When the host stops waiting for a job and terminates its thread. */
  watchdogMs: (job: Job) => number;
  /** Outcomes after which a worker is not trusted with another job. */
  retires: (outcome: Outcome) => boolean;
  abortError: (signal: AbortSignal) => Error;
  closedError: () => Error;
  startError: (cause: unknown) => Error;
  /** What a job still running when the pool closes is told. */
  closeReason: string;
}

export interface WorkerPoolRunOptions {
  signal: AbortSignal;
  onMessage?: (message: { type: string; id: number }) => void;
}

/** Workers that run one job each at a time; more jobs queue. */
export interface WorkerPool<Job, Outcome> {
  run(job: Job, options: WorkerPoolRunOptions): Promise<Outcome>;
  /** Ends every worker; executions still running fail. The pool restarts workers on next use. */
  close(): Promise<void>;
}

interface Waiter<Job, Outcome> {
  resolve: (worker: PooledWorker<Job, Outcome>) => void;
  reject: (error: Error) => void;
  signal: AbortSignal;
  onAbort: () => void;
}

/**
 * A pool of workers. Idle workers are unref'd and time out, so a process that never
 * calls close() still exits; busy ones are ref'd, so a process awaiting a result does not.
 */
export function createWorkerPool<Job, Outcome>(
  spec: WorkerPoolSpec<Job, Outcome>,
): WorkerPool<Job, Outcome> {
  return new Pool(spec);
}

class Pool<Job, Outcome> implements WorkerPool<Job, Outcome> {
  readonly #all = new Set<PooledWorker<Job, Outcome>>();
  readonly #idle = new Map<PooledWorker<Job, Outcome>, NodeJS.Timeout>();
  readonly #waiters: Waiter<Job, Outcome>[] = [];
  #starting = 0;

  constructor(private readonly spec: WorkerPoolSpec<Job, Outcome>) {}

  async run(job: Job, { signal, onMessage }: WorkerPoolRunOptions): Promise<Outcome> {
    const worker = await this.#acquire(signal);
    try {
      const watchdogMs = this.spec.watchdogMs(job);
      const outcome = await worker.execute(job, { signal, watchdogMs, onMessage });
      if (this.spec.retires(outcome)) void worker.retire();
      return outcome;
    } finally {
      this.#release(worker);
    }
  }

  async close(): Promise<void> {
    for (const waiter of this.#waiters.splice(0)) this.#reject(waiter, this.spec.closedError());
    for (const timer of this.#idle.values()) clearTimeout(timer);
    this.#idle.clear();
    const workers = [...this.#all];
    this.#all.clear();
    await Promise.all(workers.map((worker) => worker.retire(this.spec.closeReason)));
  }

  #acquire(signal: AbortSignal): Promise<PooledWorker<Job, Outcome>> {
    if (signal.aborted) return Promise.reject(this.spec.abortError(signal));
    return new Promise((resolve, reject) => {
      const waiter: Waiter<Job, Outcome> = {
        resolve,
        reject,
        signal,
        onAbort: () => this.#abandon(waiter),
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
      this.#pump();
    });
  }

  #abandon(waiter: Waiter<Job, Outcome>): void {
    const index = this.#waiters.indexOf(waiter);
    if (index >= 0) this.#waiters.splice(index, 1);
    waiter.reject(this.spec.abortError(waiter.signal));
  }

  /** Hands idle workers to waiters, and starts workers while there is room. */
  #pump(): void {
    while (this.#waiters.length > 0) {
      const idle = this.#idle.keys().next();
      if (!idle.done) {
        clearTimeout(this.#idle.get(idle.value));
        this.#idle.delete(idle.value);
        this.#handOver(idle.value);
      } else if (this.#all.size + this.#starting < this.spec.maxWorkers) {
        this.#start();
        return;
      } else {
        return;
      }
    }
  }

  #handOver(worker: PooledWorker<Job, Outcome>): void {
    const waiter = this.#waiters.shift();
    if (!waiter) return this.#park(worker);
    waiter.signal.removeEventListener('abort', waiter.onAbort);
    worker.ref();
    waiter.resolve(worker);
  }

  #start(): void {
    this.#starting += 1;
    let worker: PooledWorker<Job, Outcome> | undefined;
    let ready: Promise<void>;
    try {
      worker = this.#create((exited) => this.#forget(exited));
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
        if (waiter) this.#reject(waiter, this.spec.startError(error));
        this.#pump();
      },
    );
  }

  #create(onExit: (worker: PooledWorker<Job, Outcome>) => void): PooledWorker<Job, Outcome> {
    const { spec } = this;
    if ('start' in spec) return spec.start(onExit);
    return new ThreadWorker<Job, Outcome>(spec.thread(), onExit);
  }

  #reject(waiter: Waiter<Job, Outcome>, error: Error): void {
    waiter.signal.removeEventListener('abort', waiter.onAbort);
    waiter.reject(error);
  }

  #release(worker: PooledWorker<Job, Outcome>): void {
    if (worker.alive) return this.#handOver(worker);
    this.#forget(worker);
  }

  #park(worker: PooledWorker<Job, Outcome>): void {
    worker.unref();
    const timer = setTimeout(() => {
      this.#forget(worker);
      void worker.retire();
    }, this.spec.idleTimeoutMs);
    timer.unref();
    this.#idle.set(worker, timer);
  }

  #forget(worker: PooledWorker<Job, Outcome>): void {
    clearTimeout(this.#idle.get(worker));
    this.#idle.delete(worker);
    if (this.#all.delete(worker)) this.#pump();
  }
}
