import { errorCode, OrchestratorError } from './errors.js';
import type { RunEvent } from './events.js';
import type { BatchOptions, Runnable, RunOptions } from './runnable.js';
import { batchInScope } from './runScope.js';
import type { ExecutionKind } from './telemetry.js';
import type { Workflow, WorkflowExecuteOptions } from './workflow.js';

/** The orchestrator's counters (the seed's OrchestratorMetrics). */
export interface OrchestratorMetrics {
  /** Chain runs in progress. */
  activeChains: number;
  activeGraphs: number;
  /** Workflow executions not yet closed. */
  activeWorkflows: number;
  /** Executions started, refused ones included. */
  totalExecutions: number;
  /** Executions that failed or were refused; cancellations are not errors. */
  errorCount: number;
}

/** A cancellation is the caller's decision, not an error of the orchestrator. */
function isError(failure: unknown): boolean {
  return errorCode(failure) !== 'CANCELLED';
}

/** Counts executions of everything an orchestrator created, and enforces its concurrency cap. */
export class ExecutionTracker {
  private readonly active: Record<ExecutionKind, number> = { chain: 0, graph: 0, workflow: 0 };
  private total = 0;
  private errors = 0;

  constructor(private readonly maxConcurrent: number) {}

  /** Counts a start, or refuses it with RESOURCE_EXHAUSTED when the cap is reached. */
  begin(kind: ExecutionKind): void {
    this.total++;
    if (this.activeTotal() >= this.maxConcurrent) {
      this.errors++;
      throw new OrchestratorError({
        code: 'RESOURCE_EXHAUSTED',
        op: `${kind}.invoke`,
        message: `${this.maxConcurrent} executions are already running (maxConcurrentExecutions)`,
        field: 'maxConcurrentExecutions',
      });
    }
    this.active[kind]++;
  }

  /** Counts an end; `failure` is the error, if the execution failed. */
  end(kind: ExecutionKind, failure?: unknown): void {
    this.active[kind]--;
    if (failure !== undefined && isError(failure)) this.errors++;
  }

  activeTotal(): number {
    return this.active.chain + this.active.graph + this.active.workflow;
  }

  snapshot(): OrchestratorMetrics {
    return {
      activeChains: this.active.chain,
      activeGraphs: this.active.graph,
      activeWorkflows: this.active.workflow,
      totalExecutions: this.total,
      errorCount: this.errors,
    };
  }

  /** Runs `work` as one counted execution. */
  async track<T>(kind: ExecutionKind, work: () => Promise<T>): Promise<T> {
    this.begin(kind);
    try {
      const result = await work();
      this.end(kind);
      return result;
    } catch (error) {
      this.end(kind, error);
      throw error;
    }
  }

  /** Counts a stream from its first read to its end; a `run.failed` event counts as a failure. */
  async *trackStream<T>(kind: ExecutionKind, source: () => AsyncIterable<T>): AsyncGenerator<T> {
    this.begin(kind);
    let failure: unknown;
    try {
      for await (const item of source()) {
        const event = item as Partial<RunEvent> | undefined;
        if (event?.type === 'run.failed') failure = event.error ?? event;
        yield item;
      }
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      this.end(kind, failure);
    }
  }
}

/**
 * The same object with some members replaced. Other methods run on the original (so private
 * state works) and a method returning the original (`addNode(...)` → `this`) returns the proxy.
 */
export function withOverrides<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const result: unknown = Reflect.apply(value, object, args);
        return result === object ? receiver : result;
      };
    },
  });
}

/** A Runnable whose invoke, batch items and streams are counted by `tracker`. */
export function trackRunnable<R extends Runnable<never, unknown, unknown>>(
  runnable: R,
  kind: ExecutionKind,
  tracker: ExecutionTracker,
): R {
  const target = runnable as unknown as Runnable<unknown, unknown, unknown>;
  const invoke = (input: unknown, options?: RunOptions) =>
    tracker.track(kind, () => target.invoke(input, options));
  const overrides: Partial<Runnable<unknown, unknown, unknown>> = {
    invoke,
    batch: (inputs: readonly unknown[], options?: BatchOptions) =>
      batchInScope((input, callOptions) => invoke(input, callOptions), inputs, options),
    stream: (input: unknown, options?: RunOptions) =>
      tracker.trackStream(kind, () => target.stream(input, options)),
  };
  return withOverrides(runnable, overrides as Partial<R>);
}

/** A Workflow whose executions are counted from `execute` until their result settles. */
export function trackWorkflow<I, O>(
  workflow: Workflow<I, O>,
  tracker: ExecutionTracker,
): Workflow<I, O> {
  const execute = async (input: I, options?: WorkflowExecuteOptions) => {
    tracker.begin('workflow');
    let execution;
    try {
      execution = await workflow.execute(input, options);
    } catch (error) {
      tracker.end('workflow', error);
      throw error;
    }
    workflow.getResult(execution.workflowId).then(
      () => tracker.end('workflow'),
      (error: unknown) => tracker.end('workflow', error),
    );
    return execution;
  };
  return withOverrides(workflow, { execute });
}
