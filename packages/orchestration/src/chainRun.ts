import {
  context as otelContext,
  isSpanContextValid,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { errorCode, isRetryable, OrchestratorError, toError } from './errors.js';
import { previewOf, type RunEvent, type RunEventError, type RunEventType } from './events.js';
import { backoffDelay, sleep } from './retry.js';
import type { RunOptions } from './runnable.js';
import { createRunScope, earliestDeadline, untilAborted, type RunScope } from './runScope.js';
import { recordSpanError } from './telemetry.js';
import { memoryError, pickOutputs, prepareInput, toOutputRecord } from './chainInput.js';
import type { CompiledChain, CompiledStep } from './chainOptions.js';

type RunStatus = 'succeeded' | 'failed' | 'cancelled';

/** One invoke of a chain: runs the steps in order with retries, emitting events, spans and metrics. */
export class ChainRun {
  readonly runId: string;
  private readonly scope: RunScope;
  private readonly startedAt = performance.now();
  private readonly span: Span;
  private readonly spanContext: Context;
  private readonly attributes: Attributes;
  private seq = 0;

  constructor(
    private readonly chain: CompiledChain,
    private readonly input: unknown,
    private readonly options: RunOptions,
  ) {
    const { name } = chain.options;
    this.runId = options.runId ?? globalThis.crypto.randomUUID();
    this.attributes = { kind: 'chain', chain: name };
    const timeoutMs = earliestDeadline(options.timeoutMs, chain.options.timeoutMs);
    const subject = `Chain "${name}"`;
    this.scope = createRunScope({ signal: options.signal, timeoutMs, op: 'chain.invoke', subject });
    // The parent context is looked up once per run and passed explicitly to every step span.
    const parent = options.traceContext ?? otelContext.active();
    this.span = chain.instruments.tracer.startSpan(
      `chain ${name}`,
      { attributes: this.spanAttributes() },
      parent,
    );
    this.spanContext = trace.setSpan(parent, this.span);
  }

  async execute(): Promise<unknown> {
    this.chain.instruments.active.add(1, this.attributes);
    this.emit('run.started', undefined, { data: this.preview(this.input) });
    try {
      const output = await this.runAll();
      this.succeed(output);
      return output;
    } catch (thrown) {
      throw this.fail(thrown);
    } finally {
      this.scope.dispose();
    }
  }

  private async runAll(): Promise<unknown> {
    const { memory } = this.chain.options;
    const signal = this.scope.signal;
    const prepared = await prepareInput(this.chain.options, this.input, signal);
    let value = prepared.value;
    for (const step of this.chain.steps) value = await this.runStep(step, value);
    const output = pickOutputs(this.chain.options, value);
    if (memory) {
      const outputs = toOutputRecord(this.chain.options, output);
      try {
        await untilAborted(() => memory.saveContext(prepared.record, outputs), signal);
      } catch (thrown) {
        throw memoryError('saveContext', thrown, signal);
      }
    }
    return output;
  }

  private async runStep(step: CompiledStep, input: unknown): Promise<unknown> {
    const span = this.startStepSpan(step);
    const { retry } = this.chain;
    const stepOptions: RunOptions = {
      signal: this.scope.signal,
      metadata: this.options.metadata,
      traceContext: trace.setSpan(this.spanContext, span),
    };
    for (let attempt = 1; ; attempt++) {
      const startedAt = performance.now();
      this.emit('node.started', step, { attempt, span });
      try {
        const output = await untilAborted(
          () => step.runnable.invoke(input, stepOptions),
          this.scope.signal,
        );
        const durationMs = performance.now() - startedAt;
        this.emit('node.succeeded', step, {
          attempt,
          span,
          durationMs,
          data: this.preview(output),
        });
        span.end();
        return output;
      } catch (thrown) {
        const durationMs = performance.now() - startedAt;
        const retryable = attempt < retry.maxAttempts && isRetryable(thrown);
        if (this.scope.signal.aborted || !retryable) {
          throw this.stepFailed(step, { attempt, span, durationMs }, thrown);
        }
        await this.backoff(step, { attempt, span, durationMs }, thrown);
      }
    }
  }

  private async backoff(step: CompiledStep, at: StepAttempt, thrown: unknown): Promise<void> {
    const delayMs = backoffDelay(this.chain.retry, at.attempt);
    this.emit('node.retrying', step, { ...at, error: toEventError(thrown), delayMs });
    at.span.addEvent('retry', {
      'beluga.node.attempt': at.attempt,
      'beluga.retry.delay_ms': delayMs,
    });
    this.chain.logger.warn('chain step failed, retrying', {
      runId: this.runId,
      nodeId: step.id,
      attempt: at.attempt,
      delayMs,
      error: toError(thrown).message,
    });
    try {
      await sleep(delayMs, this.scope.signal);
    } catch (sleepError) {
      throw this.stepFailed(step, at, sleepError);
    }
  }

  /** Ends the step: a cancelled step is `node.cancelled`, anything else `node.failed`. */
  private stepFailed(step: CompiledStep, at: StepAttempt, thrown: unknown): OrchestratorError {
    const signal = this.scope.signal;
    const cause: unknown = signal.aborted ? signal.reason : thrown;
    const error = stepError(this.chain.options.name, step, cause);
    const cancelled = error.code === 'CANCELLED';
    const fields = cancelled ? at : { ...at, error: toEventError(error) };
    this.emit(cancelled ? 'node.cancelled' : 'node.failed', step, fields);
    recordSpanError(at.span, error);
    at.span.end();
    return error;
  }

  private succeed(output: unknown): void {
    this.finish('succeeded');
    const durationMs = performance.now() - this.startedAt;
    this.emit('run.succeeded', undefined, { durationMs, data: this.preview(output) });
    this.chain.logger.debug('chain run succeeded', { runId: this.runId, durationMs });
  }

  private fail(thrown: unknown): OrchestratorError {
    const error = asChainError(thrown);
    const cancelled = error.code === 'CANCELLED';
    this.chain.instruments.errors.add(1, { ...this.attributes, code: error.code });
    recordSpanError(this.span, error);
    this.finish(cancelled ? 'cancelled' : 'failed');
    const durationMs = performance.now() - this.startedAt;
    const type = cancelled ? 'run.cancelled' : 'run.failed';
    this.emit(type, undefined, { durationMs, error: toEventError(error) });
    const fields = { runId: this.runId, code: error.code, op: error.op, error: error.message };
    if (cancelled) this.chain.logger.info('chain run cancelled', fields);
    else this.chain.logger.error('chain run failed', fields);
    return error;
  }

  private finish(status: RunStatus): void {
    const { instruments } = this.chain;
    const durationMs = performance.now() - this.startedAt;
    instruments.active.add(-1, this.attributes);
    instruments.executions.add(1, { ...this.attributes, status });
    instruments.duration.record(durationMs, { ...this.attributes, status });
    this.span.setAttribute('beluga.run.status', status);
    this.span.end();
  }

  private startStepSpan(step: CompiledStep): Span {
    const attributes = {
      'beluga.run.id': this.runId,
      'beluga.node.id': step.id,
      'beluga.step.index': step.index,
    };
    return this.chain.instruments.tracer.startSpan(
      `step ${step.id}`,
      { attributes },
      this.spanContext,
    );
  }

  private spanAttributes(): Attributes {
    const attributes: Attributes = {
      'beluga.run.id': this.runId,
      'beluga.chain.name': this.chain.options.name,
      'beluga.chain.steps': this.chain.steps.length,
    };
    for (const [key, value] of Object.entries(this.options.metadata ?? {})) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        attributes[`beluga.metadata.${key}`] = value;
      }
    }
    return attributes;
  }

  private preview(value: unknown): unknown {
    return previewOf(value, this.chain.options.previewChars);
  }

  private emit(type: RunEventType, step: CompiledStep | undefined, fields: EventFields = {}): void {
    const listener = this.options.onEvent;
    if (listener === undefined) return;
    const { span = this.span, ...rest } = fields;
    const event: RunEvent = { type, runId: this.runId, seq: ++this.seq, ts: Date.now(), ...rest };
    if (step) event.nodeId = step.id;
    const spanContext = span.spanContext();
    if (isSpanContextValid(spanContext)) {
      event.traceId = spanContext.traceId;
      event.spanId = spanContext.spanId;
    }
    try {
      listener(event);
    } catch (listenerError) {
      this.chain.logger.error('run event listener threw', {
        runId: this.runId,
        type,
        error: String(listenerError),
      });
    }
  }
}

interface StepAttempt {
  attempt: number;
  span: Span;
  durationMs?: number;
}

type EventFields = Partial<
  Pick<RunEvent, 'attempt' | 'durationMs' | 'data' | 'error' | 'delayMs'>
> & {
  span?: Span;
};

function toEventError(thrown: unknown): RunEventError {
  return {
    code: errorCode(thrown),
    message: toError(thrown).message,
    retryable: isRetryable(thrown),
  };
}

/** A step's failure, with the step in `op`, the original as `cause`, an orchestrator code kept. */
function stepError(chainName: string, step: CompiledStep, thrown: unknown): OrchestratorError {
  const original = toError(thrown);
  return new OrchestratorError({
    code: errorCode(thrown),
    op: `chain.step[${step.index}]:${step.id}`,
    message: `Chain "${chainName}" step ${step.index} (${step.id}) failed: ${original.message}`,
    cause: original,
    retryable: isRetryable(thrown),
    details: { chain: chainName, stepIndex: step.index, nodeId: step.id },
  });
}

function asChainError(thrown: unknown): OrchestratorError {
  if (thrown instanceof OrchestratorError) return thrown;
  const original = toError(thrown);
  return new OrchestratorError({
    code: errorCode(thrown),
    op: 'chain.invoke',
    message: original.message,
    cause: original,
  });
}
