import { OrchestratorError } from './errors.js';

export type QueryHandler = (...args: unknown[]) => unknown;

/** Where an execution is: running, or closed one way or another (Temporal's statuses). */
export type WorkflowStatus =
  'running' | 'completed' | 'failed' | 'cancelled' | 'terminated' | 'timedOut';

interface Waiter {
  resolve: (payload: unknown) => void;
  reject: (error: Error) => void;
}

/** A promise whose rejection does not count as unhandled when its holder drops it. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * The in-process state of one workflow execution: its result, its buffered signals and waiters,
 * its query handlers. The first `close` wins; later outcomes of the workflow function are ignored.
 */
export class LocalExecution {
  status: WorkflowStatus = 'running';
  readonly result: Promise<unknown>;
  readonly controller = new AbortController();
  private settle!: { resolve: (value: unknown) => void; reject: (error: Error) => void };
  private readonly buffered = new Map<string, unknown[]>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly queries = new Map<string, QueryHandler>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly workflowId: string,
    readonly runId: string,
  ) {
    this.result = handled(
      new Promise<unknown>((resolve, reject) => {
        this.settle = { resolve, reject };
      }),
    );
  }

  get running(): boolean {
    return this.status === 'running';
  }

  /** Fails the execution with `error` after `ms`; cleared when it closes. */
  setDeadline(ms: number, error: () => OrchestratorError): void {
    this.timer = setTimeout(() => this.close('timedOut', error()), ms);
  }

  /** Delivers a signal to the oldest waiter for it, or buffers it (Temporal buffers signals too). */
  deliver(name: string, payload: unknown): void {
    const waiter = this.waiters.get(name)?.shift();
    if (waiter) return waiter.resolve(payload);
    const queue = this.buffered.get(name) ?? [];
    queue.push(payload);
    this.buffered.set(name, queue);
  }

  /** The next payload of signal `name`, buffered or future; rejects when the execution closes. */
  waitFor(name: string): Promise<unknown> {
    const queue = this.buffered.get(name);
    if (queue !== undefined && queue.length > 0) return Promise.resolve(queue.shift());
    if (!this.running) return handled(Promise.reject(this.controller.signal.reason as Error));
    return handled(
      new Promise<unknown>((resolve, reject) => {
        const waiters = this.waiters.get(name) ?? [];
        waiters.push({ resolve, reject });
        this.waiters.set(name, waiters);
      }),
    );
  }

  setQueryHandler(name: string, handler: QueryHandler): void {
    this.queries.set(name, handler);
  }

  queryHandler(name: string): QueryHandler | undefined {
    return this.queries.get(name);
  }

  complete(value: unknown): void {
    if (!this.running) return;
    this.finish('completed');
    this.settle.resolve(value);
  }

  /** Closes with an error: fires the workflow's signal and rejects its waiters and result. */
  close(status: Exclude<WorkflowStatus, 'running' | 'completed'>, error: OrchestratorError): void {
    if (!this.running) return;
    this.finish(status, error);
    this.settle.reject(error);
  }

  private finish(status: WorkflowStatus, error?: OrchestratorError): void {
    this.status = status;
    clearTimeout(this.timer);
    const reason =
      error ??
      new OrchestratorError({
        code: 'INVALID_STATE',
        op: 'workflow.waitForSignal',
        message: `Workflow "${this.workflowId}" completed`,
      });
    this.controller.abort(reason);
    for (const waiters of this.waiters.values()) {
      for (const waiter of waiters) waiter.reject(reason);
    }
    this.waiters.clear();
  }
}
