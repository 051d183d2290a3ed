import {
  isOrchestratorError,
  OrchestratorError,
  type HealthCheckResult,
  type Workflow,
  type WorkflowExecuteOptions,
  type WorkflowExecution,
} from '@beluga/orchestration';
import type { Client, WorkflowHandle, WorkflowStartOptions } from '@temporalio/client';
import { checkTemporal } from './checkTemporal.js';
import { closedFailure, isNotFound } from './toOrchestratorError.js';

/** How executions of one workflow type are started. */
export interface TemporalStartOptions {
  taskQueue: string;
  /** Deadline of an execution, retries included (Temporal's execution timeout): TIMEOUT. */
  timeoutMs?: number;
  /** Retries of the whole workflow; none by default. */
  retry?: WorkflowStartOptions['retry'];
  /**
   * Temporal's workflow task timeout (default 10 s). A worker busy with local activities
   * completes its workflow task at 80% of it, and only then sees signals and cancellation.
   */
  workflowTaskTimeoutMs?: number;
  /** Stored with each execution, visible in Temporal's UI and `describe()`. */
  memo?: Record<string, unknown>;
  /** Indexed for Temporal's visibility queries (the attributes must exist on the cluster). */
  searchAttributes?: WorkflowStartOptions['typedSearchAttributes'];
}

export interface TemporalWorkflowOptions extends TemporalStartOptions {
  client: Client;
  /** The workflow type a worker registered (the exported function's name). */
  workflowType: string;
  /** Names the workflow in ids and messages. Default: the workflow type. */
  name?: string;
  /** Bound of `check()`. Default 5 s. */
  checkTimeoutMs?: number;
}

type Op = 'execute' | 'getResult' | 'signal' | 'query' | 'cancel' | 'terminate';

/**
 * The seed's Workflow over `@temporalio/client`: executions run on Temporal workers, survive
 * restarts, and are addressed by workflow id from any process. Failures are OrchestratorErrors
 * with the codes of the local provider (NOT_FOUND, INVALID_STATE, CANCELLED, TIMEOUT, …).
 */
export class TemporalWorkflow<I, O> implements Workflow<I, O> {
  readonly name: string;

  constructor(private readonly options: TemporalWorkflowOptions) {
    this.name = options.name ?? options.workflowType;
  }

  execute(input: I, options: WorkflowExecuteOptions = {}): Promise<WorkflowExecution> {
    return this.guard('execute', () => this.start(input, options));
  }

  getResult(workflowId: string): Promise<O> {
    return this.guard('getResult', () => this.result(workflowId));
  }

  signal(workflowId: string, name: string, payload?: unknown): Promise<void> {
    return this.guard('signal', () => this.send(workflowId, name, payload));
  }

  query<T = unknown>(workflowId: string, name: string, ...args: unknown[]): Promise<T> {
    return this.guard('query', () => this.ask<T>(workflowId, name, args));
  }

  /** Closing an already closed execution changes nothing, as with the local provider. */
  cancel(workflowId: string): Promise<void> {
    return this.guard('cancel', () =>
      this.closeIfRunning(workflowId, 'cancel', (handle) => handle.cancel()),
    );
  }

  terminate(workflowId: string, reason = 'terminated'): Promise<void> {
    return this.guard('terminate', () =>
      this.closeIfRunning(workflowId, 'terminate', (handle) => handle.terminate(reason)),
    );
  }

  check(): Promise<HealthCheckResult> {
    const details = { provider: 'temporal', taskQueue: this.options.taskQueue };
    return checkTemporal(this.options.client, details, this.options.checkTimeoutMs);
  }

  /** Failures of Temporal itself (unreachable, refused) as DEPENDENCY_FAILED, mapped once here. */
  private async guard<T>(op: Op, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (thrown) {
      if (isOrchestratorError(thrown)) throw thrown;
      const message = `Temporal refused workflow.${op}: ${(thrown as Error)?.message ?? String(thrown)}`;
      throw this.error('DEPENDENCY_FAILED', op, message, {}, thrown);
    }
  }

  private async start(input: I, options: WorkflowExecuteOptions): Promise<WorkflowExecution> {
    const { client, workflowType, taskQueue, timeoutMs, retry, memo, searchAttributes } =
      this.options;
    const { workflowTaskTimeoutMs } = this.options;
    const workflowId = options.workflowId ?? `${this.name}-${globalThis.crypto.randomUUID()}`;
    try {
      const handle = await client.workflow.start(workflowType, {
        workflowId,
        taskQueue,
        args: [input],
        ...(timeoutMs === undefined ? {} : { workflowExecutionTimeout: timeoutMs }),
        ...(retry ? { retry } : {}),
        ...(workflowTaskTimeoutMs === undefined
          ? {}
          : { workflowTaskTimeout: workflowTaskTimeoutMs }),
        ...(memo ? { memo } : {}),
        ...(searchAttributes ? { typedSearchAttributes: searchAttributes } : {}),
      });
      return { workflowId, runId: handle.firstExecutionRunId };
    } catch (thrown) {
      if ((thrown as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw thrown;
      const message = `Workflow execution "${workflowId}" is already running`;
      throw this.error('INVALID_STATE', 'execute', message, { workflowId }, thrown);
    }
  }

  private async result(workflowId: string): Promise<O> {
    const handle = this.handle(workflowId);
    try {
      return (await handle.result()) as O;
    } catch (thrown) {
      if (isNotFound(thrown)) throw this.notFound(workflowId, 'getResult', thrown);
      if ((thrown as Error).name !== 'WorkflowFailedError') throw thrown;
      throw closedFailure(workflowId, thrown);
    }
  }

  private async send(workflowId: string, name: string, payload: unknown): Promise<void> {
    const handle = this.handle(workflowId);
    try {
      await handle.signal(name, ...(payload === undefined ? [] : [payload]));
    } catch (thrown) {
      if (!isNotFound(thrown)) throw thrown;
      const status = await this.statusOf(workflowId);
      if (status === undefined) throw this.notFound(workflowId, 'signal', thrown);
      const message = `Workflow execution "${workflowId}" is ${status.toLowerCase()}: it takes no signals`;
      throw this.error('INVALID_STATE', 'signal', message, { workflowId, status }, thrown);
    }
  }

  private async ask<T>(workflowId: string, name: string, args: unknown[]): Promise<T> {
    try {
      return await this.handle(workflowId).query<T, unknown[]>(name, ...args);
    } catch (thrown) {
      if (isNotFound(thrown)) throw this.notFound(workflowId, 'query', thrown);
      // Temporal reports a missing handler and a handler that threw alike (INVALID_ARGUMENT).
      if ((thrown as Error).name !== 'QueryNotRegisteredError') throw thrown;
      const text = (thrown as Error).message ?? '';
      if (/did not register a handler|unknown query/i.test(text)) {
        const message = `Workflow execution "${workflowId}" has no query handler "${name}"`;
        throw this.error('NOT_FOUND', 'query', message, { query: name }, thrown);
      }
      const message = `Query "${name}" failed: ${text}`;
      throw this.error('EXECUTION_FAILED', 'query', message, { query: name }, thrown);
    }
  }

  private async closeIfRunning(
    workflowId: string,
    op: Op,
    close: (handle: WorkflowHandle) => Promise<unknown>,
  ): Promise<void> {
    try {
      await close(this.handle(workflowId));
    } catch (thrown) {
      if (!isNotFound(thrown)) throw thrown;
      // Temporal says "not found" for closed executions too: only a missing one is an error.
      if ((await this.statusOf(workflowId)) === undefined)
        throw this.notFound(workflowId, op, thrown);
    }
  }

  /** The status name of the latest execution, or undefined when there is none. */
  private async statusOf(workflowId: string): Promise<string | undefined> {
    try {
      return (await this.handle(workflowId).describe()).status.name;
    } catch (thrown) {
      if (isNotFound(thrown)) return undefined;
      throw thrown;
    }
  }

  private handle(workflowId: string): WorkflowHandle {
    return this.options.client.workflow.getHandle(workflowId);
  }

  private notFound(workflowId: string, op: Op, cause: unknown): OrchestratorError {
    const message = `No execution "${workflowId}" of workflow "${this.name}"`;
    return this.error('NOT_FOUND', op, message, { workflowId }, cause);
  }

  private error(
    code: OrchestratorError['code'],
    op: Op,
    message: string,
    details: Record<string, unknown>,
    cause: unknown,
  ): OrchestratorError {
    return new OrchestratorError({ code, op: `workflow.${op}`, message, details, cause });
  }
}
