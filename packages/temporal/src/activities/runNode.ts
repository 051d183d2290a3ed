import type { NodeRegistry } from '@beluga/nodes';
import {
  errorCode,
  isRetryable,
  OrchestratorError,
  previewOf,
  toError,
  type NodeContext,
  type RunEventError,
  type RunEventType,
} from '@beluga/orchestration';
import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { context as otelContext } from '@opentelemetry/api';
import type { RunEventSink, RunRedaction } from '../eventSink.js';
import type { NodeFailureDetails, RunEventDraft, RunNodeInput, RunNodeResult } from '../shared.js';
import { temporalRetryDelay } from '../retryPolicy.js';
import type { DocumentParts } from './documentParts.js';

export interface RunNodeDeps {
  registry: NodeRegistry;
  documents: DocumentParts;
  sink: RunEventSink;
  /** Largest node output (JSON characters) carried to the next node through Temporal. */
  maxValueChars: number;
  previewChars: number;
  redact: RunRedaction;
}

/** What a node attempt appends besides its result: started, progress, waiting, retrying. */
class AttemptEvents {
  private progressCount = 0;
  private readonly pending: Promise<void>[] = [];

  constructor(
    private readonly deps: RunNodeDeps,
    private readonly runId: string,
    private readonly nodeId: string,
    readonly attempt: number,
  ) {}

  draft(type: RunEventType, extra: Partial<RunEventDraft> & { key?: string } = {}): RunEventDraft {
    const { key = `${type}:${this.nodeId}:${this.attempt}`, ...rest } = extra;
    return {
      key,
      type,
      runId: this.runId,
      ts: Date.now(),
      nodeId: this.nodeId,
      attempt: this.attempt,
      ...rest,
    };
  }

  append(...drafts: RunEventDraft[]): Promise<void> {
    return this.deps.sink.append(this.runId, drafts);
  }

  /** Streamed from inside the node: appended in order, awaited before the activity returns. */
  stream(type: 'node.progress' | 'node.waiting', data: unknown): void {
    const index = type === 'node.progress' ? this.progressCount++ : 0;
    const key = `${type}:${this.nodeId}:${this.attempt}:${index}`;
    const data_ = previewOf(data, this.deps.previewChars);
    this.track(this.append(this.draft(type, { key, data: data_ })));
  }

  /** An append the attempt waits for before it ends (see settled). */
  track(appended: Promise<void>): void {
    appended.catch(() => undefined); // observed by settled(); never unhandled meanwhile
    this.pending.push(appended);
  }

  settled(): Promise<unknown> {
    return Promise.all(this.pending);
  }
}

function toEventError(thrown: unknown): RunEventError {
  return {
    code: errorCode(thrown),
    message: toError(thrown).message,
    retryable: isRetryable(thrown),
  };
}

/** Fails the attempt with TIMEOUT after `timeoutMs`, like the local executor, and aborts the node. */
function withTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  nodeId: string,
  timeoutMs: number | undefined,
  cancellation: AbortSignal,
): Promise<T> {
  if (timeoutMs === undefined) return work(cancellation);
  const controller = new AbortController();
  const signal = AbortSignal.any([cancellation, controller.signal]);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new OrchestratorError({
        code: 'TIMEOUT',
        op: `node:${nodeId}`,
        message: `Node "${nodeId}" timed out after ${timeoutMs} ms`,
      });
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  return Promise.race([work(signal), timedOut]).finally(() => clearTimeout(timer));
}

function checkOutput(deps: RunNodeDeps, input: RunNodeInput, value: unknown): void {
  const spec = deps.registry.get(input.node.type);
  const outputs = spec?.outputs.map((port) => port.name) ?? ['out'];
  const namedOutputs = !(outputs.length === 1 && outputs[0] === 'out') && outputs.length > 0;
  const id = input.node.id;
  if (namedOutputs && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new OrchestratorError({
      code: 'VALIDATION_FAILED',
      op: `node:${id}`,
      message: `Node "${id}" declares output ports and must return an object keyed by port, not ${Array.isArray(value) ? 'an array' : typeof value}`,
    });
  }
  const chars = JSON.stringify(value ?? null).length;
  if (chars > deps.maxValueChars) {
    throw new OrchestratorError({
      code: 'RESOURCE_EXHAUSTED',
      op: `node:${id}`,
      message: `Node "${id}" returned ${chars} characters of JSON; runs on Temporal carry at most ${deps.maxValueChars} between nodes`,
      retryable: false,
    });
  }
}

const withoutPrototype = (value: unknown): unknown =>
  typeof value === 'object' && value !== null
    ? Object.assign(Object.create(null) as object, value)
    : value;

/** The node's input as the scheduler made it, prototype-less objects included. */
function restoreInput({ input, bySource }: RunNodeInput): unknown {
  if (bySource === undefined) return input;
  if (bySource === true) return withoutPrototype(input);
  const ports = { ...(input as Record<string, unknown>) };
  for (const port of bySource) if (port in ports) ports[port] = withoutPrototype(ports[port]);
  return ports;
}

async function execute(deps: RunNodeDeps, input: RunNodeInput, events: AttemptEvents) {
  const { node } = input;
  const type = deps.registry.get(node.type);
  if (!type?.run) {
    throw new OrchestratorError({
      code: 'INVALID_STATE',
      op: `node:${node.id}`,
      message: `Node type "${node.type}" of node "${node.id}" cannot run on this worker`,
      retryable: false,
    });
  }
  const run = type.run;
  const raw =
    input.documentRef === undefined
      ? node.config
      : await deps.documents.configOf(input.documentRef, node.id);
  const config: unknown = type.config.parse(raw);
  const activity = Context.current();
  const value = await withTimeout(
    async (signal) => {
      const context: NodeContext = {
        signal,
        runId: input.runId,
        nodeId: node.id,
        attempt: events.attempt,
        progress: (data) => events.stream('node.progress', data),
        waiting: (data) => events.stream('node.waiting', data),
        // The RunActivity span of Temporal's interceptor: the node's spans are its children.
        traceContext: otelContext.active(),
      };
      return await run({ input: restoreInput(input), config, context });
    },
    node.id,
    node.timeoutMs,
    activity.cancellationSignal,
  );
  checkOutput(deps, input, value);
  return value;
}

/** Heartbeats while the node runs, so a lost worker is noticed and cancellation arrives. */
function keepBeating(): () => void {
  const activity = Context.current();
  // A local activity runs inside its workflow task: there is nothing to heartbeat to (Temporal
  // answers each beat with UnknownActivity), and cancellation reaches it from the workflow.
  if (activity.info.isLocal) return () => undefined;
  activity.heartbeat();
  const every = Math.max(100, Math.floor((activity.info.heartbeatTimeoutMs ?? 30_000) / 3));
  const timer = setInterval(() => activity.heartbeat(), every);
  return () => clearInterval(timer);
}

/**
 * One attempt of one node. Temporal retries the activity: this attempt decides whether its
 * failure is worth another one (the node's policy: attempts left and a retryable error) and says
 * so with `nonRetryable`. An attempt after a lost one (the worker died) first records the loss
 * as `node.retrying`, so the event log shows every attempt.
 */
export async function runNode(deps: RunNodeDeps, input: RunNodeInput): Promise<RunNodeResult> {
  const activity = Context.current();
  const { attempt } = activity.info;
  const { node } = input;
  const events = new AttemptEvents(deps, input.runId, node.id, attempt);
  if (attempt > 1) {
    const lost: RunEventError = {
      code: 'EXECUTION_FAILED',
      message: `Attempt ${attempt - 1} did not finish: its worker stopped or timed out`,
      retryable: true,
    };
    const key = `node.retrying:${node.id}:${attempt - 1}`;
    await events.append(events.draft('node.retrying', { key, attempt: attempt - 1, error: lost }));
  }
  // A local activity's first start is told by the workflow, in the write that queued it.
  // Otherwise not awaited here: the node runs while its start is written (the sink keeps a run's
  // events in order, and the attempt awaits every event of its own before it returns).
  if (!activity.info.isLocal || attempt > 1) {
    events.track(events.append(events.draft('node.started')));
  }
  const startedAt = performance.now();
  const stopBeating = keepBeating();
  try {
    const value = await deps.redact(input.runId, await execute(deps, input, events));
    await events.settled();
    return { value, attempt, durationMs: performance.now() - startedAt, endedAt: Date.now() };
  } catch (thrown) {
    await events.settled().catch(() => undefined);
    if (activity.cancellationSignal.aborted) throw new CancelledFailure('node activity cancelled');
    const durationMs = performance.now() - startedAt;
    const error = await deps.redact(input.runId, toEventError(thrown));
    const retry = error.retryable && attempt < node.retry.maxAttempts;
    if (retry) {
      const delayMs = temporalRetryDelay(node.retry, attempt);
      await events.append(events.draft('node.retrying', { durationMs, error, delayMs }));
    }
    const details: NodeFailureDetails = { error, attempt, durationMs, endedAt: Date.now() };
    throw ApplicationFailure.create({
      type: error.code,
      message: error.message,
      nonRetryable: !retry,
      details: [details],
    });
  } finally {
    stopBeating();
  }
}
