import { z } from 'zod';
import { OrchestratorError } from './errors.js';
import { isMemory, type Memory } from './memory.js';
import { DurationMsSchema, RetryOptionSchema } from './options.js';
import type { RetryOption, RetryPolicy } from './retry.js';
import { isRunnable, toRunnable, type Runnable, type StepFunction } from './runnable.js';
import type { Instruments, Logger, TelemetryOptions } from './telemetry.js';

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;

/** Options of `createChain`, named like the seed's chain options. */
export const ChainOptionsSchema = z
  .object({
    /** Names the chain in spans, metrics, logs and errors. Default `chain`. */
    name: z.string().min(1).default('chain'),
    description: z.string().default(''),
    /** Deadline of a whole invoke (memory included); none by default. */
    timeoutMs: DurationMsSchema.optional(),
    /** Retries of each step, for retryable errors only, with exponential backoff. Default: none. */
    retries: RetryOptionSchema.optional(),
    /** Loaded into the input before the first step, saved after a successful run. */
    memory: z
      .custom<Memory>(isMemory, {
        error: 'Expected a Memory: memoryVariables, loadMemoryVariables, saveContext and clear',
      })
      .optional(),
    /** Keys an object input must have (VALIDATION_FAILED names a missing one). */
    inputKeys: z.array(z.string().min(1)).default([]),
    /** Keys picked from the last step's object output; the chain returns just these. */
    outputKeys: z.array(z.string().min(1)).default([]),
    /** Characters kept in event data previews. Default 2,048. */
    previewChars: z.number().int().min(0).default(2048),
    telemetry: z.custom<TelemetryOptions>(isObject).optional(),
    logger: z.custom<Logger>(isObject).optional(),
  })
  .strict();

export type ChainOptions = z.input<typeof ChainOptionsSchema> & { retries?: RetryOption };
export type ResolvedChainOptions = z.output<typeof ChainOptionsSchema>;

/**
 * A step: any Runnable or a function of (input, context). `never` as the input type lets steps
 * of any input type share one array; the chain passes each step the previous step's output.
 */
export type ChainStep = Runnable<never, unknown, unknown> | StepFunction<never, unknown>;

export interface CompiledStep {
  index: number;
  /** The step's node id in run events: its own name when it has a unique one, else `step-<index>`. */
  id: string;
  runnable: Runnable<unknown, unknown, unknown>;
}

/** What a chain resolves once, at creation, for all its runs. */
export interface CompiledChain {
  options: ResolvedChainOptions;
  steps: readonly CompiledStep[];
  retry: RetryPolicy;
  instruments: Instruments;
  logger: Logger;
}

/** A Runnable's `name` property (chains and graphs have one) or a named function's name. */
function ownName(step: unknown): string | undefined {
  const name = (step as { name?: unknown }).name;
  return typeof name === 'string' && name.length > 0 ? name : undefined;
}

function checkStep(step: unknown, index: number, op: string): Runnable<unknown, unknown, unknown> {
  if (isRunnable(step)) return step;
  if (typeof step === 'function') return toRunnable(step as StepFunction<unknown, unknown>);
  const message = `Step ${index} is neither a Runnable (invoke, batch, stream) nor a function`;
  throw new OrchestratorError({ code: 'INVALID_CONFIG', op, message, field: `steps.${index}` });
}

/**
 * Validates the steps and gives each a unique node id: its own name (a Runnable's `name`, a named
 * function's name) when no other step shares it, else `step-<index>`.
 */
export function compileSteps(steps: readonly ChainStep[], op: string): CompiledStep[] {
  if (!Array.isArray(steps)) {
    const message = 'Steps must be an array';
    throw new OrchestratorError({ code: 'INVALID_CONFIG', op, message, field: 'steps' });
  }
  const runnables = steps.map((step: unknown, index) => checkStep(step, index, op));
  const names = steps.map((step: unknown) => ownName(step));
  return runnables.map((runnable, index) => {
    const name = names[index];
    const unique = name !== undefined && names.indexOf(name) === names.lastIndexOf(name);
    return { index, id: unique ? name : `step-${index}`, runnable };
  });
}
