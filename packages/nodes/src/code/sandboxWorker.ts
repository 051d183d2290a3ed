import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { abortError } from './nodeErrors.js';
import { SANDBOX_PRELUDE, USER_FILENAME } from './prelude.js';
import type {
  RunMessage,
  SandboxJob,
  SandboxLog,
  SandboxOutcome,
  WorkerMessage,
} from './protocol.js';
import { WORKER_SOURCE } from './workerSource.js';

/** QuickJS's stack limit: far inside the thread's stack, so recursion fails in QuickJS, not V8. */
const MAX_STACK_BYTES = 1024 * 1024;
const THREAD_STACK_MB = 8;
/** The interrupt handler stops code at its limit; this backstop covers code it cannot interrupt. */
const WATCHDOG_GRACE_MS = 1000;

let workerData: Record<string, unknown> | undefined;

/** Resolved from this file on first use, so it works from src/ (tests) and from dist/ alike. */
function sandboxWorkerData(): Record<string, unknown> {
  if (!workerData) {
    const require = createRequire(import.meta.url);
    workerData = {
      corePath: require.resolve('quickjs-emscripten-core'),
      variantPath: require.resolve('@jitl/quickjs-wasmfile-release-sync'),
      wasmPath: require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm'),
      prelude: SANDBOX_PRELUDE,
      userFilename: USER_FILENAME,
      maxStackBytes: MAX_STACK_BYTES,
    };
  }
  return workerData;
}

export interface ExecuteOptions {
  signal: AbortSignal;
  onLog: (log: SandboxLog) => void;
}

interface Execution {
  id: number;
  onLog: (log: SandboxLog) => void;
  finish: (outcome: SandboxOutcome) => void;
}

function crashed(message: string): SandboxOutcome {
  return { ok: false, failure: { kind: 'crash', message } };
}

/** One worker thread with QuickJS loaded once; runs one job at a time. */
export class SandboxWorker {
  readonly #worker: Worker;
  readonly ready: Promise<void>;
  #current: Execution | undefined;
  #nextId = 1;
  #alive = true;
  #terminated: Promise<void> | undefined;
  #exitReason = 'the code sandbox worker exited';

  constructor(onExit: (worker: SandboxWorker) => void) {
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: sandboxWorkerData(),
      resourceLimits: { stackSizeMb: THREAD_STACK_MB },
    });
    let ready!: () => void;
    let failed!: (error: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => ((ready = resolve), (failed = reject)));
    this.#worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') ready();
      else this.#onMessage(message);
    });
    this.#worker.on('error', (error) => {
      this.#exitReason = `the code sandbox worker crashed: ${error.message}`;
      failed(error);
    });
    this.#worker.on('exit', () => {
      this.#alive = false;
      failed(new Error(this.#exitReason));
      this.#current?.finish(crashed(this.#exitReason));
      onExit(this);
    });
  }

  get alive(): boolean {
    return this.#alive;
  }

  /** Runs a job; rejects with the signal's reason (and ends the thread) when it is aborted. */
  execute(job: SandboxJob, { signal, onLog }: ExecuteOptions): Promise<SandboxOutcome> {
    return new Promise<SandboxOutcome>((resolve, reject) => {
      if (signal.aborted) return reject(abortError(signal));
      const id = this.#nextId++;
      const watchdog = setTimeout(() => {
        this.#current?.finish({ ok: false, failure: { kind: 'timeout', message: 'unresponsive' } });
        void this.retire();
      }, job.timeLimitMs + WATCHDOG_GRACE_MS);
      const onAbort = () => {
        done();
        void this.retire();
        reject(abortError(signal));
      };
      const done = () => {
        clearTimeout(watchdog);
        signal.removeEventListener('abort', onAbort);
        this.#current = undefined;
      };
      this.#current = { id, onLog, finish: (outcome) => (done(), resolve(outcome)) };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#worker.postMessage({ type: 'run', id, job } satisfies RunMessage);
    });
  }

  #onMessage(message: Exclude<WorkerMessage, { type: 'ready' }>): void {
    const current = this.#current;
    if (current?.id !== message.id) return;
    if (message.type === 'log') return current.onLog(message.log);
    current.finish(message.outcome);
    if (message.retire) void this.retire();
  }

  /** Ends the thread; an execution still running settles as a crash with `reason`. */
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
