import { z } from 'zod';
import { OrchestratorError } from './errors.js';
import type { HealthCheckResult } from './health.js';
import { LocalWorkflow } from './localWorkflow.js';
import { DurationMsSchema, parseOptions } from './options.js';
import type { QueryHandler } from './localExecution.js';
import type { Logger, TelemetryOptions } from './telemetry.js';

export type { QueryHandler, WorkflowStatus } from './localExecution.js';

/** What a workflow function receives besides its input. */
export interface WorkflowContext {
  readonly workflowId: string;
  readonly runId: string;
  /** Fires when the execution is cancelled, terminated or times out. */
  readonly signal: AbortSignal;
  /** The next payload of signal `name` (signals sent before are buffered, in order). */
  waitForSignal<T = unknown>(name: string): Promise<T>;
  /** Answers `query(workflowId, name, ...args)` while the execution exists. */
  setQueryHandler(name: string, handler: QueryHandler): void;
}

export type WorkflowFunction<I = unknown, O = unknown> = (
  input: I,
  context: WorkflowContext,
) => O | Promise<O>;

/** Identifies one execution, as Temporal does. */
export interface WorkflowExecution {
  workflowId: string;
  runId: string;
}

export interface WorkflowExecuteOptions {
  /** The execution's id; generated when absent. Reusing the id of a running execution fails. */
  workflowId?: string;
}

/**
 * A long-running orchestration (the seed's Workflow): started with `execute`, then addressed by
 * its workflow id. Providers implement it in-process (`local`) or durably (Temporal).
 */
export interface Workflow<I = unknown, O = unknown> {
  readonly name: string;
  /** Starts an execution and returns as soon as it has started. */
  execute(input: I, options?: WorkflowExecuteOptions): Promise<WorkflowExecution>;
  /** The execution's output; rejects with its failure (CANCELLED, TIMEOUT, ...). */
  getResult(workflowId: string): Promise<O>;
  /** Sends a signal; INVALID_STATE once the execution has closed. */
  signal(workflowId: string, name: string, payload?: unknown): Promise<void>;
  /** Calls the query handler the workflow registered under `name` (NOT_FOUND if none). */
  query<T = unknown>(workflowId: string, name: string, ...args: unknown[]): Promise<T>;
  /** Requests cancellation: the workflow's signal fires and the result rejects with CANCELLED. */
  cancel(workflowId: string): Promise<void>;
  /** Stops the execution at once, recording `reason`; the result rejects with CANCELLED. */
  terminate(workflowId: string, reason?: string): Promise<void>;
  check(): Promise<HealthCheckResult>;
}

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;

/** Options of `createWorkflow`, shared by every workflow provider. */
export const WorkflowOptionsSchema = z
  .object({
    /** Names the workflow in ids, spans, metrics and logs. Default `workflow`. */
    name: z.string().min(1).default('workflow'),
    description: z.string().default(''),
    /** Task queue of durable providers; the local provider ignores it. */
    taskQueue: z.string().min(1).optional(),
    /** Deadline of one execution (TIMEOUT); none by default. */
    timeoutMs: DurationMsSchema.optional(),
    /** Closed executions kept for getResult/query, oldest dropped first. Default 1,000. */
    maxRetained: z.number().int().min(0).default(1000),
    telemetry: z.custom<TelemetryOptions>(isObject).optional(),
    logger: z.custom<Logger>(isObject).optional(),
  })
  .strict();

export type WorkflowOptions = z.input<typeof WorkflowOptionsSchema>;
export type ResolvedWorkflowOptions = z.output<typeof WorkflowOptionsSchema>;

/**
 * Creates a workflow on the `local` provider: executions run in this process, are kept in memory
 * (not durable) and answer signals, queries, cancel and terminate like Temporal executions.
 *
 * @example
 * const approval = createWorkflow(async (doc: string, ctx) => {
 *   let state = 'waiting';
 *   ctx.setQueryHandler('state', () => state);
 *   const { approved } = await ctx.waitForSignal<{ approved: boolean }>('review');
 *   state = approved ? 'published' : 'rejected';
 *   return state;
 * }, { name: 'approval', timeoutMs: 86_400_000 });
 * const { workflowId } = await approval.execute('draft-42');
 * await approval.signal(workflowId, 'review', { approved: true });
 * await approval.getResult(workflowId); // 'published'
 */
export function createWorkflow<I = unknown, O = unknown>(
  fn: WorkflowFunction<I, O>,
  options: WorkflowOptions = {},
): Workflow<I, O> {
  if (typeof fn !== 'function') {
    const message = 'A workflow needs a function of (input, context)';
    throw new OrchestratorError({
      code: 'INVALID_CONFIG',
      op: 'createWorkflow',
      message,
      field: 'fn',
    });
  }
  const resolved = parseOptions(
    WorkflowOptionsSchema,
    options,
    'createWorkflow',
    'workflow options',
  );
  return new LocalWorkflow(fn, resolved);
}
