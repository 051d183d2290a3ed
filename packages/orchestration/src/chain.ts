import { toError } from './errors.js';
import { EventChannel, type RunEvent } from './events.js';
import type { Memory } from './memory.js';
import { parseOptions } from './options.js';
import { toRetryPolicy } from './retry.js';
import type { BatchOptions, Runnable, RunOptions } from './runnable.js';
import { batchInScope } from './runScope.js';
import { getInstruments, silentLogger } from './telemetry.js';
import { ChainRun } from './chainRun.js';
import {
  ChainOptionsSchema,
  compileSteps,
  type ChainOptions,
  type ChainStep,
  type CompiledChain,
} from './chainOptions.js';

export { ChainOptionsSchema } from './chainOptions.js';
export type { ChainOptions, ChainStep, ResolvedChainOptions } from './chainOptions.js';

/**
 * Sequential steps as one Runnable: each step receives the previous step's output. `stream()`
 * yields the run's events (the vocabulary graphs use, a step being a node) and ends after the
 * terminal one; a failure is reported by `run.failed`, not thrown.
 */
export interface Chain<I = unknown, O = unknown> extends Runnable<I, O, RunEvent> {
  readonly name: string;
  readonly description: string;
  /** The node id of each step in run events, in order. */
  readonly stepIds: readonly string[];
  readonly inputKeys: readonly string[];
  readonly outputKeys: readonly string[];
  readonly memory: Memory | undefined;
}

/**
 * Creates a chain. Options are validated (INVALID_CONFIG naming the bad field); so are the steps.
 *
 * @example
 * const summarise = createChain<string, string>(
 *   [fetchPage, (html: string) => stripTags(html), callModel],
 *   { name: 'summarise', timeoutMs: 30_000, retries: 2 },
 * );
 * await summarise.invoke('https://example.com');
 * for await (const event of summarise.stream(url)) console.log(event.type, event.nodeId);
 */
export function createChain<I = unknown, O = unknown>(
  steps: readonly ChainStep[],
  options: ChainOptions = {},
): Chain<I, O> {
  const resolved = parseOptions(ChainOptionsSchema, options, 'createChain', 'chain options');
  const compiled: CompiledChain = {
    options: resolved,
    steps: compileSteps(steps, 'createChain'),
    retry: toRetryPolicy(resolved.retries),
    instruments: getInstruments(resolved.telemetry),
    logger: resolved.logger ?? silentLogger,
  };
  const invoke = (input: I, runOptions: RunOptions = {}): Promise<O> => {
    try {
      return new ChainRun(compiled, input, runOptions).execute() as Promise<O>;
    } catch (error) {
      // Unusable run options (a `signal` that is no AbortSignal) fail the call; invoke never throws.
      return Promise.reject(toError(error));
    }
  };
  return {
    name: resolved.name,
    description: resolved.description,
    stepIds: compiled.steps.map((step) => step.id),
    inputKeys: resolved.inputKeys,
    outputKeys: resolved.outputKeys,
    memory: resolved.memory,
    invoke,
    batch: (inputs: readonly I[], batchOptions?: BatchOptions) =>
      batchInScope(invoke, inputs, batchOptions),
    stream: (input: I, runOptions?: RunOptions) => streamEvents(invoke, input, runOptions),
  };
}

/**
 * Runs `invoke` with an event listener feeding the returned stream. Leaving the loop early detaches
 * from the run without cancelling it (cancel with `signal`).
 */
async function* streamEvents<I>(
  invoke: (input: I, options: RunOptions) => Promise<unknown>,
  input: I,
  options: RunOptions = {},
): AsyncGenerator<RunEvent> {
  const channel = new EventChannel<RunEvent>();
  const onEvent = (event: RunEvent): void => {
    channel.push(event);
    options.onEvent?.(event);
  };
  // The outcome is in the terminal event; the promise only tells when the stream ends.
  invoke(input, { ...options, onEvent }).then(
    () => channel.close(),
    () => channel.close(),
  );
  yield* channel;
}
