import { spawn, type ChildProcess } from 'node:child_process';
import type { PooledWorker } from '../code/workerPool.js';
import type { ThreadExecuteOptions } from '../code/threadWorker.js';

/**
 * How one kind of worker process is started and how its failures read. The program (`source`)
 * is plain CommonJS run with `node -e`, so it starts from the TypeScript sources and from dist/
 * alike; `config` arrives as JSON in its last argument. It sends `{ type: 'ready' }` once, then
 * answers each `{ type: 'run', id, job }` with `{ type: 'done', id, outcome }`.
 */
export interface ProcessWorkerSpec<Outcome> {
  source: string;
  config: unknown;
  /** Node's own flags for the child, e.g. its heap limit. The parent's flags never pass on. */
  execArgv: string[];
  /** Names the process in exit reasons, e.g. "the expression process". */
  name: string;
  /** The outcome of a job whose process ended under it, `retired` when the host ended it. */
  lost: (reason: string, retired: boolean) => Outcome;
  /** The outcome of a job the watchdog gave up on. */
  unresponsive: () => Outcome;
  abortError: (signal: AbortSignal) => Error;
}

interface Execution<Outcome> {
  id: number;
  onMessage: ((message: { type: string; id: number }) => void) | undefined;
  finish: (outcome: Outcome) => void;
}

type ProcessMessage<Outcome> =
  | { type: 'ready'; id?: undefined }
  | { type: 'done'; id: number; outcome: Outcome }
  | { type: 'other'; id: number };

/** Enough of what the process said on stderr to find V8's "FATAL ERROR: … heap out of memory". */
const STDERR_HEAD_CHARS = 16_384;

/**
 * One child process that runs one job at a time. Unlike a thread's, its heap limit is a real
 * boundary: when V8 gives up on an allocation it aborts this process, not the host.
 */
export class ProcessWorker<Job, Outcome> implements PooledWorker<Job, Outcome> {
  readonly #child: ChildProcess;
  readonly #spec: ProcessWorkerSpec<Outcome>;
  readonly ready: Promise<void>;
  readonly #ended: Promise<void>;
  #current: Execution<Outcome> | undefined;
  #nextId = 1;
  #alive = true;
  #running = true;
  #retiredBecause: string | undefined;
  #stderr = '';

  constructor(
    spec: ProcessWorkerSpec<Outcome>,
    onExit: (worker: ProcessWorker<Job, Outcome>) => void,
  ) {
    this.#spec = spec;
    this.#child = spawn(process.execPath, childArgs(spec), {
      // No NODE_OPTIONS (it could lift the heap limit or --import a loader) and none of the
      // host's secrets: the program needs no environment at all.
      env: {},
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      windowsHide: true,
    });
    let ready!: () => void;
    let failed!: (error: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => ((ready = resolve), (failed = reject)));
    let ended!: () => void;
    this.#ended = new Promise<void>((resolve) => (ended = resolve));
    const end = (reason: string) => {
      if (!this.#running) return;
      this.#running = false;
      this.#alive = false;
      failed(new Error(reason));
      this.#current?.finish(spec.lost(reason, this.#retiredBecause !== undefined));
      ended();
      onExit(this);
    };
    this.#child.stderr?.setEncoding('utf8');
    this.#child.stderr?.on('data', (chunk: string) => {
      if (this.#stderr.length < STDERR_HEAD_CHARS) this.#stderr += chunk;
    });
    this.#child.on('message', (message: ProcessMessage<Outcome>) => {
      if (message.type === 'ready') ready();
      else this.#onMessage(message);
    });
    this.#child.on('error', (error) => {
      // A process that never started has nothing to wait for; one that did is made to end.
      if (this.#child.pid === undefined) end(`${spec.name} could not start: ${error.message}`);
      else this.#child.kill('SIGKILL');
    });
    this.#child.on('close', (code: number | null, signal: NodeJS.Signals | null) =>
      end(this.#retiredBecause ?? this.#describeExit(code, signal)),
    );
  }

  get alive(): boolean {
    return this.#alive;
  }

  /** For tests that kill the process from outside. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  get busy(): boolean {
    return this.#current !== undefined;
  }

  /** Runs a job; rejects with the signal's reason (and kills the process) when it is aborted. */
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
      // A closed channel means the process is ending; its 'close' settles the job.
      this.#child.send({ type: 'run', id, job }, (error) => error && void this.retire());
    });
  }

  #onMessage(message: Exclude<ProcessMessage<Outcome>, { type: 'ready' }>): void {
    const current = this.#current;
    if (current?.id !== message.id) return;
    if (message.type !== 'done') return current.onMessage?.(message);
    current.finish(message.outcome);
  }

  #describeExit(code: number | null, signal: NodeJS.Signals | null): string {
    const how = signal ? `was killed by ${signal}` : `exited with code ${String(code)}`;
    const said = this.#stderr.match(/FATAL ERROR:[^\n]*/)?.[0] ?? '';
    return `${this.#spec.name} ${how}${said ? ` (${said})` : ''}`;
  }

  /** Kills the process; a job still running settles as `lost(reason)`. */
  retire(reason?: string): Promise<void> {
    if (reason !== undefined) this.#retiredBecause ??= reason;
    this.#alive = false;
    if (this.#running) {
      // Whoever awaits the end must not see the host exit first for want of a ref'd handle.
      this.ref();
      this.#child.kill('SIGKILL');
    }
    return this.#ended;
  }

  /** A busy process keeps the host alive; an idle one must not (its channel included). */
  ref(): void {
    this.#child.ref();
    this.#child.channel?.ref();
    (this.#child.stderr as { ref?: () => void } | null)?.ref?.();
  }

  unref(): void {
    this.#child.unref();
    this.#child.channel?.unref();
    (this.#child.stderr as { unref?: () => void } | null)?.unref?.();
  }
}

function childArgs({ execArgv, source, config }: ProcessWorkerSpec<unknown>): string[] {
  return [...execArgv, '-e', source, '--', JSON.stringify(config)];
}
