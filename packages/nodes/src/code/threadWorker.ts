import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * How one kind of worker thread is started and how its failures read. The body (`source`) is
 * plain CommonJS run with `new Worker(source, { eval: true })`: it posts `{ type: 'ready' }` once,
 * then answers each `{ type: 'run', id, job }` with `{ type: 'done', id, outcome, retire? }`; any
 * other message carrying the job's id goes to that job's `onMessage`.
 */
export interface ThreadWorkerSpec<Outcome> {
  source: string;
  workerData: unknown;
  resourceLimits: ResourceLimits;
  /** Names the thread in exit reasons, e.g. "the code sandbox worker". */
  name: string;
  /** The outcome of a job whose thread ended under it; `error` is the thread's last error. */
  lost: (reason: string, error: Error | undefined) => Outcome;
  /** The outcome of a job the watchdog gave up on. */
  unresponsive: () => Outcome;
  abortError: (signal: AbortSignal) => Error;
}

export interface ThreadExecuteOptions {
  signal: AbortSignal;
  /** After this long the thread is terminated and the job settles as `unresponsive()`. */
  watchdogMs: number;
  onMessage?: (message: { type: string; id: number }) => void;
}

interface Execution<Outcome> {
  id: number;
  onMessage: ((message: { type: string; id: number }) => void) | undefined;
  finish: (outcome: Outcome) => void;
}

type ThreadMessage<Outcome> =
  | { type: 'ready'; id?: undefined }
  | { type: 'done'; id: number; outcome: Outcome; retire?: boolean }
  | { type: 'other'; id: number };

/** One worker thread that runs one job at a time; the pools of the code and expression nodes. */
export class ThreadWorker<Job, Outcome> {
  readonly #worker: Worker;
  readonly #spec: ThreadWorkerSpec<Outcome>;
  readonly ready: Promise<void>;
  #current: Execution<Outcome> | undefined;
  #nextId = 1;
  #alive = true;
  #terminated: Promise<void> | undefined;
  #exitReason: string;
  #lastError: Error | undefined;

  constructor(
    spec: ThreadWorkerSpec<Outcome>,
    onExit: (worker: ThreadWorker<Job, Outcome>) => void,
  ) {
    this.#spec = spec;
    this.#exitReason = `${spec.name} exited`;
    this.#worker = new Worker(spec.source, {
      eval: true,
      workerData: spec.workerData,
      resourceLimits: spec.resourceLimits,
    });
    let ready!: () => void;
    let failed!: (error: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => ((ready = resolve), (failed = reject)));
    this.#worker.on('message', (message: ThreadMessage<Outcome>) => {
      if (message.type === 'ready') ready();
      else this.#onMessage(message);
    });
    this.#worker.on('error', (error) => {
      this.#lastError = error;
      this.#exitReason = `${spec.name} crashed: ${error.message}`;
      failed(error);
    });
    this.#worker.on('exit', () => {
      this.#alive = false;
      failed(new Error(this.#exitReason));
      this.#current?.finish(spec.lost(this.#exitReason, this.#lastError));
      onExit(this);
    });
  }

  get alive(): boolean {
    return this.#alive;
  }

  /** Runs a job; rejects with the signal's reason (and ends the thread) when it is aborted. */
  execute(job: Job, { signal, watchdogMs, onMessage }: ThreadExecuteOptions): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      if (signal.aborted) return reject(this.#spec.abortError(signal));
      const id = this.#nextId++;
      const watchdog = setTimeout(() => {
        this.#current?.finish(this.#spec.unresponsive());
        void this.retire();
      }, watchdogMs);
      const onAbort = () => {
        done();
        void this.retire();
        reject(this.#spec.abortError(signal));
      };
      const done = () => {
        clearTimeout(watchdog);
        signal.removeEventListener('abort', onAbort);
        this.#current = undefined;
      };
      this.#current = { id, onMessage, finish: (outcome) => (done(), resolve(outcome)) };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#worker.postMessage({ type: 'run', id, job });
    });
  }

  #onMessage(message: Exclude<ThreadMessage<Outcome>, { type: 'ready' }>): void {
    const current = this.#current;
    if (current?.id !== message.id) return;
    if (message.type !== 'done') return current.onMessage?.(message);
    current.finish(message.outcome);
    if (message.retire) void this.retire();
  }

  /** Ends the thread; a job still running settles as `lost(reason)`. */
  retire(reason?: string): Promise<void> {
    if (reason !== undefined) this.#exitReason = reason;
    this.#alive = false;
    this.#terminated ??= this.#worker.terminate().then(() => undefined);
    return this.#terminated;
  }

  /** Idle workers must not keep the process alive; busy ones must. */
  ref(): void {
    this.#worker.ref();
  }

  unref(): void {
    this.#worker.unref();
  }
}
