import type { Context } from '@opentelemetry/api';
import type { RunEvent } from './events.js';

/** Per-call options every Runnable accepts. */
export interface RunOptions {
  /** Cancels the call; running steps and nodes receive it. */
  signal?: AbortSignal;
  /** Overall deadline for this call, in milliseconds. */
  timeoutMs?: number;
  /** Receives every run event as it happens (graphs and chains emit them). */
  onEvent?: (event: RunEvent) => void;
  /** Id for the run; generated when absent. */
  runId?: string;
  /** Free-form data passed through to events and spans. */
  metadata?: Record<string, unknown>;
  /**
   * The OpenTelemetry context this call's spans are children of; the active context when absent.
   * A chain hands each step its step span's context here, so nested chains and graphs (and
   * instrumented code a step calls via `context.with`) join the trace without a context hop.
   */
  traceContext?: Context;
}

export interface BatchOptions extends RunOptions {
  /** How many inputs run at once; all of them when absent. */
  maxConcurrency?: number;
}

/**
 * Anything that can be invoked. Any object with these three methods is a Runnable: chains,
 * graphs, wrapped functions and user classes compose freely.
 */
export interface Runnable<I = unknown, O = unknown, C = O> {
  invoke(input: I, options?: RunOptions): Promise<O>;
  batch(inputs: readonly I[], options?: BatchOptions): Promise<O[]>;
  stream(input: I, options?: RunOptions): AsyncIterable<C>;
}

/** The context a wrapped function receives. */
export interface StepContext {
  signal: AbortSignal;
  options: RunOptions;
}

export type StepFunction<I, O> = (input: I, context: StepContext) => O | Promise<O>;

/** True when `value` has invoke, batch and stream methods. */
export function isRunnable(value: unknown): value is Runnable {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.invoke === 'function' &&
    typeof candidate.batch === 'function' &&
    typeof candidate.stream === 'function'
  );
}

const NEVER_ABORTED = new AbortController().signal;

/** Runs `inputs` through `invoke` with at most `maxConcurrency` in flight, keeping order. */
export async function batchWith<I, O>(
  invoke: (input: I, options: RunOptions) => Promise<O>,
  inputs: readonly I[],
  options: BatchOptions = {},
): Promise<O[]> {
  const results = new Array<O>(inputs.length);
  const limit = Math.max(1, Math.min(options.maxConcurrency ?? inputs.length, inputs.length));
  const { maxConcurrency: _ignored, runId: _runId, ...callOptions } = options;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await invoke(inputs[index] as I, callOptions);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/**
 * Wraps a function as a Runnable. `stream` yields the single result.
 *
 * @example
 * const double = runnable((n: number) => n * 2);
 * await double.batch([1, 2, 3]); // [2, 4, 6]
 */
export function runnable<I, O>(fn: StepFunction<I, O>): Runnable<I, O> {
  const invoke = async (input: I, options: RunOptions = {}): Promise<O> => {
    options.signal?.throwIfAborted();
    return fn(input, { signal: options.signal ?? NEVER_ABORTED, options });
  };
  return {
    invoke,
    batch: (inputs, options) => batchWith(invoke, inputs, options),
    async *stream(input, options) {
      yield await invoke(input, options);
    },
  };
}

/** Accepts a Runnable or a plain function and returns a Runnable. */
export function toRunnable<I, O>(
  step: Runnable<I, O, unknown> | StepFunction<I, O>,
): Runnable<I, O, unknown> {
  return typeof step === 'function' ? runnable(step) : step;
}
