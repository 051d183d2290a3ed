import { allowManyListeners } from '../listeners.js';
import {
  context as otelContext,
  trace,
  isSpanContextValid,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { errorCode, isRetryable, OrchestratorError, toError } from '../errors.js';
import {
  previewOf,
  type RunEvent,
  type RunEventError,
  type RunEventListener,
  type RunEventType,
} from '../events.js';
import { backoffDelay, sleep, type RetryPolicy } from '../retry.js';
import type { RunOptions } from '../runnable.js';
import { Scheduler, type ExecutionPlan } from '../scheduler/index.js';
import { earliestDeadline } from '../runScope.js';
import { recordSpanError, type Instruments, type Logger } from '../telemetry.js';
import type { ResolvedGraphOptions } from './options.js';

/** What a node function receives besides its input. */
export interface NodeContext {
  /** Fires when the run is cancelled or fails, or when this attempt times out. */
  readonly signal: AbortSignal;
  readonly runId: string;
  readonly nodeId: string;
  /** 1-based attempt number. */
  readonly attempt: number;
  /** Streams partial output (e.g. LLM tokens) as a `node.progress` event. */
  progress(data: unknown): void;
  /**
   * Announces that the node now waits for a person (an approval) as a `node.waiting` event; the
   * node stays running until its promise settles.
   */
  waiting(data: unknown): void;
  /**
   * The OpenTelemetry context of this node's span. Nodes that call instrumented code pass it on
   * explicitly (`context.with(ctx.traceContext, ...)`): the engine keeps no context per node.
   */
  readonly traceContext: Context;
}

export type NodeFunction = (input: unknown, context: NodeContext) => unknown;

export interface CompiledNode {
  id: string;
  run: NodeFunction;
  timeoutMs: number | undefined;
  retry: RetryPolicy;
  continueOnError: boolean;
}

export interface CompiledGraph {
  plan: ExecutionPlan;
  nodes: readonly CompiledNode[];
  options: ResolvedGraphOptions;
  instruments: Instruments;
  logger: Logger;
}

const QUEUED = 1;
const RUNNING = 2;
const FINISHED = 3;

const NODE_STATUSES = ['succeeded', 'failed', 'skipped', 'cancelled'] as const;
const COUNTED_NODE_EVENTS: Partial<Record<RunEventType, number>> = {
  'node.succeeded': 0,
  'node.failed': 1,
  'node.skipped': 2,
  'node.cancelled': 3,
};

class AttemptContext implements NodeContext {
  constructor(
    private readonly run: GraphRun,
    private readonly node: number,
    readonly attempt: number,
    readonly signal: AbortSignal,
  ) {}
  get runId(): string {
    return this.run.runId;
  }
  get nodeId(): string {
    return this.run.graph.plan.ids[this.node] as string;
  }
  progress(data: unknown): void {
    this.run.progress(this.node, this.attempt, data);
  }
  waiting(data: unknown): void {
    this.run.waiting(this.node, this.attempt, data);
  }
  get traceContext(): Context {
    return this.run.traceContextOf(this.node);
  }
}

/** One execution of a compiled graph: drives the scheduler with promises and a bounded pool. */
export class GraphRun {
  readonly runId: string;
  private readonly scheduler: Scheduler;
  private readonly controller = new AbortController();
  private readonly status: Uint8Array;
  private readonly attempts: Int32Array;
  private readonly startedAt: Float64Array;
  private readonly timers: (ReturnType<typeof setTimeout> | undefined)[] = [];
  private readonly attemptControllers: (AbortController | undefined)[] = [];
  private readonly spans: (Span | undefined)[] = [];
  private readonly queue: number[] = [];
  private head = 0;
  private running = 0;
  private seq = 0;
  private finished = false;
  /** Set once the terminal run event is out: nothing is emitted after it. */
  private closed = false;
  private readonly runStartedAt = performance.now();
  private readonly listener: RunEventListener | undefined;
  private readonly runSpan: Span;
  private readonly spanContext: Context;
  private readonly tracing: boolean;
  private readonly traceIds: { traceId: string; spanId: string } | undefined;
  private readonly metricAttributes: Attributes;
  private runTimer: ReturnType<typeof setTimeout> | undefined;
  /** Finished nodes by final status, added to the nodes counter once per run (lean hot path). */
  private readonly nodeCounts = [0, 0, 0, 0];
  private settle!: { resolve: (value: unknown) => void; reject: (error: Error) => void };

  constructor(
    readonly graph: CompiledGraph,
    private readonly input: unknown,
    private readonly options: RunOptions,
  ) {
    const { plan, options: graphOptions, instruments } = graph;
    this.runId = options.runId ?? globalThis.crypto.randomUUID();
    this.scheduler = new Scheduler(plan);
    this.status = new Uint8Array(plan.size);
    this.attempts = new Int32Array(plan.size);
    this.startedAt = new Float64Array(plan.size);
    this.listener = options.onEvent;
    this.metricAttributes = { kind: 'graph', graph: graphOptions.name };
    // Trace context is passed explicitly from here on: one context lookup per run, not per node.
    const parent = options.traceContext ?? otelContext.active();
    this.runSpan = instruments.tracer.startSpan(
      `graph ${graphOptions.name}`,
      {
        attributes: {
          'beluga.run.id': this.runId,
          'beluga.graph.name': graphOptions.name,
          'beluga.graph.nodes': plan.size,
        },
      },
      parent,
    );
    this.spanContext = trace.setSpan(parent, this.runSpan);
    this.tracing = this.runSpan.isRecording();
    const sc = this.runSpan.spanContext();
    this.traceIds = isSpanContextValid(sc) ? { traceId: sc.traceId, spanId: sc.spanId } : undefined;
    // Nodes commonly hand the run's signal to fetch() and friends; one listener each is expected.
    allowManyListeners(this.controller.signal);
  }

  execute(): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      this.settle = { resolve, reject };
      this.begin();
    });
  }

  private begin(): void {
    const { instruments } = this.graph;
    instruments.active.add(1, this.metricAttributes);
    this.graph.logger.debug('graph run started', {
      runId: this.runId,
      graph: this.graph.options.name,
      ...this.traceIds,
    });
    this.emit('run.started', -1, 0, undefined, this.preview(this.input));
    const callerSignal = this.options.signal;
    if (callerSignal?.aborted) return this.cancel();
    callerSignal?.addEventListener('abort', this.onCallerAbort);
    const timeoutMs = this.timeoutMs();
    if (timeoutMs !== undefined) this.runTimer = setTimeout(this.onRunTimeout, timeoutMs);
    this.scheduler.start();
    this.afterResolution();
  }

  /** A call may shorten the graph's deadline, never extend it. */
  private timeoutMs(): number | undefined {
    return earliestDeadline(this.options.timeoutMs, this.graph.options.timeoutMs);
  }

  private readonly onCallerAbort = (): void => this.cancel();

  private readonly onRunTimeout = (): void => {
    const timeoutMs = this.timeoutMs();
    this.fail(
      new OrchestratorError({
        code: 'TIMEOUT',
        op: 'graph.invoke',
        message: `Run timed out after ${timeoutMs} ms`,
      }),
    );
  };

  private cancel(): void {
    const reason = this.options.signal?.reason as unknown;
    this.fail(
      new OrchestratorError({
        code: 'CANCELLED',
        op: 'graph.invoke',
        message: 'Run cancelled',
        cause: reason,
      }),
      'run.cancelled',
    );
  }

  /** Queues newly ready nodes, reports skips, then finishes or fills the worker pool. */
  private afterResolution(): void {
    const { ready, skipped } = this.scheduler;
    for (let i = 0; i < skipped.length && !this.finished; i++) {
      const n = skipped[i] as number;
      this.status[n] = FINISHED;
      this.emit('node.skipped', n, 0);
    }
    skipped.length = 0;
    for (let i = 0; i < ready.length && !this.finished; i++) {
      const n = ready[i] as number;
      this.status[n] = QUEUED;
      this.queue.push(n);
      this.emit('node.queued', n, 0);
    }
    ready.length = 0;
    // A listener or a node may cancel the run synchronously: stop as soon as it is over.
    if (this.finished) return;
    if (this.scheduler.done) return this.succeed();
    this.pump();
    if (this.queue.length - this.head > this.graph.options.queueSize) this.queueFull();
  }

  private queueFull(): void {
    const { queueSize } = this.graph.options;
    this.fail(
      new OrchestratorError({
        code: 'RESOURCE_EXHAUSTED',
        op: 'graph.invoke',
        message: `More than ${queueSize} nodes are waiting for a worker (queueSize)`,
        field: 'queueSize',
      }),
    );
  }

  private pump(): void {
    const { maxWorkers } = this.graph.options;
    while (this.running < maxWorkers && this.head < this.queue.length && !this.finished) {
      const n = this.queue[this.head++] as number;
      this.running++;
      this.status[n] = RUNNING;
      if (this.tracing) this.spans[n] = this.startNodeSpan(n);
      this.attempt(n, 1);
    }
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
    if (this.running === 0 && !this.finished) this.stalled();
  }

  private stalled(): void {
    this.fail(
      new OrchestratorError({
        code: 'INVALID_STATE',
        op: 'graph.invoke',
        message: 'No node can run but the run is not done',
      }),
    );
  }

  private attempt(n: number, attempt: number): void {
    const node = this.graph.nodes[n] as CompiledNode;
    this.attempts[n] = attempt;
    this.startedAt[n] = performance.now();
    this.emit('node.started', n, attempt);
    if (this.finished) return;
    const signal =
      node.timeoutMs === undefined
        ? this.controller.signal
        : this.armTimeout(n, attempt, node.timeoutMs);
    let result: unknown;
    try {
      result = node.run(
        this.scheduler.inputFor(n, this.input),
        new AttemptContext(this, n, attempt, signal),
      );
    } catch (error) {
      // Report a synchronous throw on the next microtask, like a rejection, to keep the stack flat.
      queueMicrotask(() => this.onFailure(n, attempt, error));
      return;
    }
    // Always continue asynchronously: synchronous nodes must not recurse through the pool.
    Promise.resolve(result).then(
      (value) => this.onSuccess(n, attempt, value),
      (error: unknown) => this.onFailure(n, attempt, error),
    );
  }

  /** A timer and an own signal only for nodes that have a timeout. */
  private armTimeout(n: number, attempt: number, timeoutMs: number): AbortSignal {
    const controller = new AbortController();
    this.attemptControllers[n] = controller;
    this.timers[n] = setTimeout(() => {
      const error = new OrchestratorError({
        code: 'TIMEOUT',
        op: `node:${this.graph.plan.ids[n]}`,
        message: `Node "${this.graph.plan.ids[n]}" timed out after ${timeoutMs} ms`,
      });
      this.onFailure(n, attempt, error);
    }, timeoutMs);
    // No listener on the run's signal: when the run ends, cancelUnfinished() aborts this one.
    return controller.signal;
  }

  private clearAttempt(n: number, reason?: unknown): void {
    const timer = this.timers[n];
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers[n] = undefined;
    const controller = this.attemptControllers[n];
    this.attemptControllers[n] = undefined;
    if (reason !== undefined) controller?.abort(reason);
  }

  private isCurrent(n: number, attempt: number): boolean {
    return !this.finished && this.status[n] === RUNNING && this.attempts[n] === attempt;
  }

  private onSuccess(n: number, attempt: number, value: unknown): void {
    if (!this.isCurrent(n, attempt)) return;
    if (this.graph.plan.namedOutputs[n] && !isPortRecord(value)) {
      return this.onFailure(n, attempt, this.notAPortRecord(n, value));
    }
    this.clearAttempt(n);
    this.finishNode(n);
    const durationMs = performance.now() - (this.startedAt[n] as number);
    this.recordNodeDuration(durationMs);
    this.emit('node.succeeded', n, attempt, durationMs, this.preview(value));
    this.spans[n]?.end();
    if (this.finished) return;
    this.scheduler.succeed(n, value);
    this.afterResolution();
  }

  private onFailure(n: number, attempt: number, thrown: unknown): void {
    if (!this.isCurrent(n, attempt)) return;
    const node = this.graph.nodes[n] as CompiledNode;
    this.clearAttempt(n, thrown);
    const durationMs = performance.now() - (this.startedAt[n] as number);
    if (attempt < node.retry.maxAttempts && isRetryable(thrown))
      return this.retry(n, attempt, thrown, durationMs);
    this.finishNode(n);
    this.recordNodeDuration(durationMs);
    this.emit('node.failed', n, attempt, durationMs, undefined, toEventError(thrown));
    const span = this.spans[n];
    if (span) {
      recordSpanError(span, thrown);
      span.end();
    }
    if (!node.continueOnError) return this.fail(nodeError(node.id, thrown));
    if (this.finished) return;
    this.scheduler.recover(n, toEventError(thrown));
    this.afterResolution();
  }

  private retry(n: number, attempt: number, thrown: unknown, durationMs: number): void {
    const delayMs = backoffDelay((this.graph.nodes[n] as CompiledNode).retry, attempt);
    this.emit('node.retrying', n, attempt, durationMs, undefined, toEventError(thrown), delayMs);
    this.spans[n]?.addEvent('retry', {
      'beluga.node.attempt': attempt,
      'beluga.retry.delay_ms': delayMs,
    });
    this.attempts[n] = attempt + 1;
    sleep(delayMs, this.controller.signal).then(
      () => {
        if (!this.finished) this.attempt(n, attempt + 1);
      },
      () => undefined, // cancelled while waiting: the run is already over
    );
  }

  private notAPortRecord(n: number, value: unknown): OrchestratorError {
    const id = this.graph.plan.ids[n] as string;
    return new OrchestratorError({
      code: 'VALIDATION_FAILED',
      op: `node:${id}`,
      message: `Node "${id}" declares output ports and must return an object keyed by port, not ${Array.isArray(value) ? 'an array' : typeof value}`,
    });
  }

  private recordNodeDuration(durationMs: number): void {
    if (this.graph.options.recordNodeDurations) {
      this.graph.instruments.nodeDuration.record(durationMs, this.metricAttributes);
    }
  }

  private finishNode(n: number): void {
    this.status[n] = FINISHED;
    this.running--;
  }

  private startNodeSpan(n: number): Span {
    const id = this.graph.plan.ids[n] as string;
    return this.graph.instruments.tracer.startSpan(
      `node ${id}`,
      { attributes: { 'beluga.run.id': this.runId, 'beluga.node.id': id } },
      this.spanContext,
    );
  }

  traceContextOf(n: number): Context {
    const span = this.spans[n];
    return span ? trace.setSpan(this.spanContext, span) : this.spanContext;
  }

  progress(n: number, attempt: number, data: unknown): void {
    if (this.isCurrent(n, attempt))
      this.emit('node.progress', n, attempt, undefined, this.preview(data));
  }

  waiting(n: number, attempt: number, data: unknown): void {
    if (this.isCurrent(n, attempt))
      this.emit('node.waiting', n, attempt, undefined, this.preview(data));
  }

  private succeed(): void {
    if (this.finished) return;
    const output = this.scheduler.output();
    this.finish('succeeded');
    this.emit('run.succeeded', -1, 0, performance.now() - this.runStartedAt, this.preview(output));
    this.runSpan.end();
    this.settle.resolve(output);
  }

  private fail(error: OrchestratorError, type: RunEventType = 'run.failed'): void {
    if (this.finished) return;
    this.finished = true;
    this.controller.abort(error);
    this.cancelUnfinished(error);
    this.finish(type === 'run.cancelled' ? 'cancelled' : 'failed');
    this.graph.instruments.errors.add(1, { ...this.metricAttributes, code: error.code });
    this.emit(type, -1, 0, performance.now() - this.runStartedAt, undefined, toEventError(error));
    recordSpanError(this.runSpan, error);
    this.runSpan.end();
    this.settle.reject(error);
  }

  /** Running, queued and never-reached nodes all end as cancelled, so every node has a final state. */
  private cancelUnfinished(error: OrchestratorError): void {
    for (let n = 0; n < this.graph.plan.size; n++) {
      if (this.status[n] === FINISHED) continue;
      this.clearAttempt(n, error);
      this.emit('node.cancelled', n, this.attempts[n] as number);
      const span = this.spans[n];
      if (span) {
        recordSpanError(span, error);
        span.end();
      }
    }
  }

  private finish(status: 'succeeded' | 'failed' | 'cancelled'): void {
    this.finished = true;
    if (this.runTimer !== undefined) clearTimeout(this.runTimer);
    this.options.signal?.removeEventListener('abort', this.onCallerAbort);
    const { instruments } = this.graph;
    const durationMs = performance.now() - this.runStartedAt;
    instruments.active.add(-1, this.metricAttributes);
    instruments.executions.add(1, { ...this.metricAttributes, status });
    instruments.duration.record(durationMs, this.metricAttributes);
    NODE_STATUSES.forEach((nodeStatus, i) => {
      const count = this.nodeCounts[i] as number;
      if (count > 0) instruments.nodes.add(count, { ...this.metricAttributes, status: nodeStatus });
    });
    this.runSpan.setAttribute('beluga.run.status', status);
    this.graph.logger.debug('graph run finished', {
      runId: this.runId,
      graph: this.graph.options.name,
      status,
      durationMs,
      ...this.traceIds,
    });
  }

  /** Previews cost a serialisation: only make them for a listener. */
  private preview(value: unknown): unknown {
    return this.listener === undefined
      ? undefined
      : previewOf(value, this.graph.options.previewChars);
  }

  private emit(
    type: RunEventType,
    n: number,
    attempt: number,
    durationMs?: number,
    data?: unknown,
    error?: RunEventError,
    delayMs?: number,
  ): void {
    const counted = COUNTED_NODE_EVENTS[type];
    if (counted !== undefined) this.nodeCounts[counted] = (this.nodeCounts[counted] as number) + 1;
    const listener = this.listener;
    if (listener === undefined || this.closed) return;
    // The terminal event is the last one, whatever a listener or a late node does after it.
    if (type === 'run.succeeded' || type === 'run.failed' || type === 'run.cancelled')
      this.closed = true;
    // Every event has the same fields in the same order (one hidden class for V8); the ones that
    // do not apply are undefined, which JSON leaves out.
    const span = n >= 0 ? this.spans[n] : undefined;
    const event: RunEvent = {
      type,
      runId: this.runId,
      seq: ++this.seq,
      ts: Date.now(),
      nodeId: n >= 0 ? this.graph.plan.ids[n] : undefined,
      attempt: n >= 0 ? attempt : undefined,
      durationMs,
      data,
      error,
      delayMs,
      traceId: this.traceIds?.traceId,
      spanId: span ? span.spanContext().spanId : this.traceIds?.spanId,
    };
    try {
      listener(event);
    } catch (listenerError) {
      this.graph.logger.error('run event listener threw', {
        runId: this.runId,
        type,
        error: String(listenerError),
      });
    }
  }
}

function isPortRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toEventError(thrown: unknown): RunEventError {
  const error = toError(thrown);
  return { code: errorCode(thrown), message: error.message, retryable: isRetryable(thrown) };
}

function nodeError(nodeId: string, thrown: unknown): OrchestratorError {
  const error = toError(thrown);
  return new OrchestratorError({
    code: errorCode(thrown),
    op: `node:${nodeId}`,
    message: `Node "${nodeId}" failed: ${error.message}`,
    cause: thrown,
    retryable: false,
    details: { nodeId },
  });
}
