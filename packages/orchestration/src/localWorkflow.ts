import type { Attributes } from '@opentelemetry/api';
import { errorCode, isRetryable, OrchestratorError, toError } from './errors.js';
import type { HealthCheckResult } from './health.js';
import { LocalExecution, type WorkflowStatus } from './localExecution.js';
import {
  getInstruments,
  recordSpanError,
  silentLogger,
  type Instruments,
  type Logger,
} from './telemetry.js';
import type {
  ResolvedWorkflowOptions,
  Workflow,
  WorkflowContext,
  WorkflowExecuteOptions,
  WorkflowExecution,
  WorkflowFunction,
} from './workflow.js';

/** Workflow statuses as the executions metric counts them, like chains and graphs. */
const METRIC_STATUS: Record<WorkflowStatus, string> = {
  running: 'running',
  completed: 'succeeded',
  failed: 'failed',
  timedOut: 'failed',
  cancelled: 'cancelled',
  terminated: 'cancelled',
};

/**
 * The `local` workflow provider: executions run in this process and live in memory. Nothing is
 * durable; a restart loses them. The Temporal provider keeps the same interface durably.
 */
export class LocalWorkflow<I, O> implements Workflow<I, O> {
  private readonly executions = new Map<string, LocalExecution>();
  private readonly instruments: Instruments;
  private readonly logger: Logger;
  private readonly attributes: Attributes;

  constructor(
    private readonly fn: WorkflowFunction<I, O>,
    private readonly options: ResolvedWorkflowOptions,
  ) {
    this.instruments = getInstruments(options.telemetry);
    this.logger = options.logger ?? silentLogger;
    this.attributes = { kind: 'workflow', workflow: options.name };
  }

  get name(): string {
    return this.options.name;
  }

  execute(input: I, options: WorkflowExecuteOptions = {}): Promise<WorkflowExecution> {
    return settled(() => this.start(input, options.workflowId));
  }

  private start(input: I, requestedId: string | undefined): WorkflowExecution {
    const workflowId = requestedId ?? `${this.name}-${globalThis.crypto.randomUUID()}`;
    if (this.executions.get(workflowId)?.running) {
      const message = `Workflow execution "${workflowId}" is already running`;
      throw workflowError('INVALID_STATE', 'execute', message, { details: { workflowId } });
    }
    const execution = new LocalExecution(workflowId, globalThis.crypto.randomUUID());
    this.executions.delete(workflowId); // re-inserted last: retention drops the oldest first
    this.executions.set(workflowId, execution);
    this.observe(execution);
    const { timeoutMs } = this.options;
    if (timeoutMs !== undefined) {
      const message = `Workflow "${workflowId}" timed out after ${timeoutMs} ms`;
      execution.setDeadline(timeoutMs, () => workflowError('TIMEOUT', 'execute', message));
    }
    // Started on a microtask: execute() returns first, as with a remote provider.
    Promise.resolve()
      .then(() => this.fn(input, this.contextFor(execution)))
      .then(
        (value) => execution.complete(value),
        (thrown: unknown) => execution.close('failed', this.failure(workflowId, thrown)),
      );
    return { workflowId, runId: execution.runId };
  }

  async getResult(workflowId: string): Promise<O> {
    return (await this.find(workflowId, 'getResult').result) as O;
  }

  signal(workflowId: string, name: string, payload?: unknown): Promise<void> {
    return settled(() => {
      const execution = this.find(workflowId, 'signal');
      if (!execution.running) {
        const message = `Workflow execution "${workflowId}" is ${execution.status}: it takes no signals`;
        throw workflowError('INVALID_STATE', 'signal', message, { details: { workflowId } });
      }
      execution.deliver(name, payload);
    });
  }

  async query<T = unknown>(workflowId: string, name: string, ...args: unknown[]): Promise<T> {
    const handler = this.find(workflowId, 'query').queryHandler(name);
    if (handler === undefined) {
      const message = `Workflow execution "${workflowId}" has no query handler "${name}"`;
      throw workflowError('NOT_FOUND', 'query', message, { details: { query: name } });
    }
    try {
      return (await handler(...args)) as T;
    } catch (thrown) {
      const message = `Query "${name}" failed: ${toError(thrown).message}`;
      throw workflowError('EXECUTION_FAILED', 'query', message, {
        details: { query: name },
        cause: thrown,
      });
    }
  }

  /** Closing an already closed execution changes nothing. */
  cancel(workflowId: string): Promise<void> {
    return settled(() => {
      const message = `Workflow execution "${workflowId}" was cancelled`;
      const error = workflowError('CANCELLED', 'cancel', message, { details: { workflowId } });
      this.find(workflowId, 'cancel').close('cancelled', error);
    });
  }

  terminate(workflowId: string, reason = 'terminated'): Promise<void> {
    return settled(() => {
      const message = `Workflow execution "${workflowId}" was terminated: ${reason}`;
      const details = { workflowId, terminated: true, reason };
      const error = workflowError('CANCELLED', 'terminate', message, { details });
      this.find(workflowId, 'terminate').close('terminated', error);
    });
  }

  check(): Promise<HealthCheckResult> {
    let running = 0;
    for (const execution of this.executions.values()) if (execution.running) running++;
    const details = { provider: 'local', running, retained: this.executions.size - running };
    return Promise.resolve({ status: 'healthy', details });
  }

  private contextFor(execution: LocalExecution): WorkflowContext {
    return {
      workflowId: execution.workflowId,
      runId: execution.runId,
      signal: execution.controller.signal,
      waitForSignal: <T>(name: string) => execution.waitFor(name) as Promise<T>,
      setQueryHandler: (name, handler) => execution.setQueryHandler(name, handler),
    };
  }

  /** Span and metrics of one execution, from start to close; then old closed ones are dropped. */
  private observe(execution: LocalExecution): void {
    const { instruments, attributes } = this;
    const startedAt = performance.now();
    const span = instruments.tracer.startSpan(`workflow ${this.name}`, {
      attributes: { 'beluga.workflow.id': execution.workflowId, 'beluga.run.id': execution.runId },
    });
    instruments.active.add(1, attributes);
    this.logger.info('workflow started', {
      workflowId: execution.workflowId,
      runId: execution.runId,
    });
    const closed = (error?: unknown): void => {
      const status = METRIC_STATUS[execution.status];
      instruments.active.add(-1, attributes);
      instruments.executions.add(1, { ...attributes, status });
      instruments.duration.record(performance.now() - startedAt, { ...attributes, status });
      if (error !== undefined) {
        instruments.errors.add(1, { ...attributes, code: errorCode(error) });
        recordSpanError(span, error);
      }
      span.setAttribute('beluga.workflow.status', execution.status);
      span.end();
      this.logger.info('workflow closed', {
        workflowId: execution.workflowId,
        status: execution.status,
      });
      this.prune();
    };
    execution.result.then(() => closed(), closed);
  }

  private prune(): void {
    let closed = 0;
    for (const execution of this.executions.values()) if (!execution.running) closed++;
    for (const [id, execution] of this.executions) {
      if (closed <= this.options.maxRetained) return;
      if (execution.running) continue;
      this.executions.delete(id);
      closed--;
    }
  }

  private find(workflowId: string, method: string): LocalExecution {
    const execution = this.executions.get(workflowId);
    if (execution) return execution;
    const message = `No execution "${workflowId}" of workflow "${this.name}"`;
    throw workflowError('NOT_FOUND', method, message, { details: { workflowId } });
  }

  private failure(workflowId: string, thrown: unknown): OrchestratorError {
    const message = `Workflow execution "${workflowId}" failed: ${toError(thrown).message}`;
    return new OrchestratorError({
      code: errorCode(thrown),
      op: `workflow:${this.name}`,
      message,
      cause: toError(thrown),
      retryable: isRetryable(thrown),
      details: { workflowId },
    });
  }
}

/** Runs `work` now and reports its outcome, a synchronous throw included, as a promise. */
function settled<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

function workflowError(
  code: OrchestratorError['code'],
  method: string,
  message: string,
  extra: { details?: Record<string, unknown>; cause?: unknown } = {},
): OrchestratorError {
  return new OrchestratorError({ code, op: `workflow.${method}`, message, ...extra });
}
