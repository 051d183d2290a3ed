import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { OrchestratorError } from '@beluga/orchestration';
import { PGLITE_THREAD_SOURCE } from './threadSource.js';

interface QueryOptions {
  rowMode?: 'array' | 'object';
}

export interface ThreadResult {
  rows: unknown[];
  affectedRows?: number;
  fields: { name: string; dataTypeID: number }[];
}

/** What drizzle's PGlite driver calls on its client, for one transaction or the whole database. */
export interface PgliteLike {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<ThreadResult>;
  transaction<T>(callback: (tx: PgliteLike) => Promise<T>): Promise<T>;
}

interface SerializedError {
  name: string;
  message: string;
  fields: Record<string, unknown>;
}

type Reply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: SerializedError };

/** The error the thread reported, with its PostgreSQL fields (`code`, `detail`...) restored. */
function restore(error: SerializedError): Error {
  const restored = new Error(error.message);
  restored.name = error.name;
  return Object.assign(restored, error.fields);
}

/**
 * PGlite on a thread of its own. PGlite is PostgreSQL compiled to WebAssembly and runs
 * synchronously on the thread that calls it: in-process, every statement held the server's
 * event loop (event writes, SSE, the engine all waited). Here the database works on the second
 * core while the main thread keeps serving; each request is one message each way.
 *
 * It offers what drizzle's PGlite driver uses (`query`, `transaction`), so drizzle runs on it
 * unchanged. If the thread dies, every waiting and later request fails with a clear error.
 */
export class PgliteThread implements PgliteLike {
  readonly #worker: Worker;
  readonly #waiting = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  #nextId = 0;
  #stopped: Error | undefined;

  private constructor(dataDir: string) {
    const pglitePath = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    this.#worker = new Worker(PGLITE_THREAD_SOURCE, {
      eval: true,
      // The source is CommonJS whatever flags started this process (e.g. --input-type=module).
      execArgv: [],
      workerData: { dataDir, pglitePath },
    });
    this.#worker.unref();
    this.#worker.on('message', (reply: Reply) => this.#settle(reply));
    this.#worker.on('error', (error) => this.#stop(error));
    this.#worker.on('exit', (code) =>
      this.#stop(new Error(`the embedded database thread exited (code ${code})`)),
    );
  }

  /** Starts the thread and opens PGlite on `dataDir` (`memory://` or a folder) in it. */
  static async open(dataDir: string): Promise<PgliteThread> {
    const thread = new PgliteThread(dataDir);
    try {
      await thread.#request({ op: 'open' });
    } catch (error) {
      await thread.#worker.terminate();
      throw error;
    }
    return thread;
  }

  query(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<ThreadResult> {
    return this.#query(undefined, sql, params, options);
  }

  async transaction<T>(callback: (tx: PgliteLike) => Promise<T>): Promise<T> {
    const tx = (await this.#request({ op: 'begin' })) as number;
    const handle: PgliteLike = {
      query: (sql, params = [], options = {}) => this.#query(tx, sql, params, options),
      transaction: (inner) => inner(handle),
    };
    let result: T;
    try {
      result = await callback(handle);
    } catch (error) {
      await this.#request({ op: 'end', tx, commit: false });
      throw error;
    }
    await this.#request({ op: 'end', tx, commit: true });
    return result;
  }

  /** Closes PGlite (its files are complete on disk), then ends the thread. */
  async close(): Promise<void> {
    if (this.#stopped) return;
    try {
      await this.#request({ op: 'close' });
    } finally {
      this.#stopped ??= new Error('the embedded database is closed');
      await this.#worker.terminate();
    }
  }

  #query(
    tx: number | undefined,
    sql: string,
    params: unknown[],
    options: QueryOptions,
  ): Promise<ThreadResult> {
    return this.#request({
      op: 'query',
      tx,
      sql,
      params,
      rowMode: options.rowMode ?? 'object',
    }) as Promise<ThreadResult>;
  }

  #request(message: Record<string, unknown>): Promise<unknown> {
    if (this.#stopped) return Promise.reject(this.#unavailable());
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      // Referenced while a request waits, so a process never exits before its answer.
      if (this.#waiting.size === 0) this.#worker.ref();
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ ...message, id });
    });
  }

  #settle(reply: Reply): void {
    const waiting = this.#waiting.get(reply.id);
    if (!waiting) return;
    this.#waiting.delete(reply.id);
    if (this.#waiting.size === 0) this.#worker.unref();
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(restore(reply.error));
  }

  #stop(cause: Error): void {
    this.#stopped ??= cause;
    const error = this.#unavailable();
    for (const waiting of this.#waiting.values()) waiting.reject(error);
    this.#waiting.clear();
  }

  #unavailable(): OrchestratorError {
    return new OrchestratorError({
      code: 'DEPENDENCY_FAILED',
      op: 'db.pglite',
      message: `The embedded database is not available: ${this.#stopped?.message ?? 'stopped'}`,
      cause: this.#stopped,
    });
  }
}
