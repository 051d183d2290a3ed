import { allowManyListeners } from './listeners.js';
import { OrchestratorError } from './errors.js';
import { batchWith, type BatchOptions, type RunOptions } from './runnable.js';

/** The cancellation scope of one call: the caller's signal and a deadline, as one signal. */
export interface RunScope {
  /** Aborts with an OrchestratorError: CANCELLED (the caller aborted) or TIMEOUT. */
  readonly signal: AbortSignal;
  /** Clears the deadline timer and detaches from the caller's signal. Call it once the call ends. */
  dispose(): void;
}

export interface RunScopeOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** The operation reported in the abort errors, e.g. `chain.invoke`. */
  op: string;
  /** What is running, for messages: `Chain "summarise"`. */
  subject: string;
}

/**
 * Creates the scope of one call. Its own signal (not the caller's) is what steps receive, so the
 * listeners they add die with the call; the caller's signal gets one listener, removed by dispose.
 *
 * @example
 * const scope = createRunScope({ signal, timeoutMs: 1000, op: 'chain.invoke', subject: 'Chain "a"' });
 * try { await untilAborted(() => work(scope.signal), scope.signal); } finally { scope.dispose(); }
 */
export function createRunScope(options: RunScopeOptions): RunScope {
  const controller = new AbortController();
  // Steps commonly hand the signal to fetch() and friends; many listeners are expected.
  allowManyListeners(controller.signal);
  const { signal: caller, timeoutMs, op, subject } = options;
  const onCallerAbort = (): void => {
    const cause: unknown = caller?.reason;
    controller.abort(
      new OrchestratorError({ code: 'CANCELLED', op, message: `${subject} was cancelled`, cause }),
    );
  };
  if (caller?.aborted) onCallerAbort();
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (timeoutMs !== undefined && !controller.signal.aborted) {
    timer = setTimeout(() => {
      const message = `${subject} timed out after ${timeoutMs} ms`;
      controller.abort(new OrchestratorError({ code: 'TIMEOUT', op, message }));
    }, timeoutMs);
  }
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/**
 * Runs `work` and settles with it, or rejects with `signal.reason` as soon as the signal aborts,
 * whether or not the work honours the signal. A synchronous throw becomes a rejection.
 */
export function untilAborted<T>(work: () => T | Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    const settle =
      <V>(finish: (value: V) => void) =>
      (value: V) => {
        signal.removeEventListener('abort', onAbort);
        finish(value);
      };
    try {
      Promise.resolve(work()).then(settle(resolve), settle(reject));
    } catch (error) {
      settle(reject)(error);
    }
  });
}

/** The smaller of two optional deadlines. */
export function earliestDeadline(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/**
 * A batch listens to the caller's signal once and hands the items a signal of its own: a large
 * batch on one signal would otherwise add a listener per item to the caller's signal.
 */
export async function batchInScope<I, O>(
  invoke: (input: I, options: RunOptions) => Promise<O>,
  inputs: readonly I[],
  options: BatchOptions = {},
): Promise<O[]> {
  if (options.signal === undefined) return batchWith(invoke, inputs, options);
  const scope = createRunScope({ signal: options.signal, op: 'batch', subject: 'Batch' });
  try {
    return await batchWith(invoke, inputs, { ...options, signal: scope.signal });
  } finally {
    scope.dispose();
  }
}
