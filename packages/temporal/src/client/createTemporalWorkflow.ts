import {
  OrchestratorError,
  parseOptions,
  WorkflowOptionsSchema,
  type Workflow,
  type WorkflowFunction,
  type WorkflowOptions,
  type WorkflowProvider,
} from '@beluga/orchestration';
import type { Client } from '@temporalio/client';
import { DEFAULT_TASK_QUEUE, GRAPH_WORKFLOW_TYPE, type GraphWorkflowInput } from '../shared.js';
import { checkTemporal } from './checkTemporal.js';
import { TemporalWorkflow, type TemporalStartOptions } from './temporalWorkflow.js';

/** Options of a code-first Temporal workflow: the shared ones plus Temporal's own. */
export type TemporalCreateOptions = WorkflowOptions &
  Partial<Omit<TemporalStartOptions, 'taskQueue' | 'timeoutMs'>> & {
    /** The workflow type the worker registered; default the function's name. */
    workflowType?: string;
    /** Bound of `check()`. Default 5 s. */
    checkTimeoutMs?: number;
  };

/**
 * Creates a code-first workflow on Temporal. `fn` is the workflow function a worker registered
 * (exported from its workflows module, wrapped with `withWorkflowContext`); only its name travels
 * to Temporal, the code runs on the workers.
 *
 * @example
 * import { approval } from './workflows.js';
 * const workflow = createWorkflow(client, approval, { taskQueue: 'beluga', memo: { team: 'docs' } });
 * const { workflowId } = await workflow.execute('draft-42');
 * await workflow.signal(workflowId, 'review', { approved: true });
 */
export function createWorkflow<I = unknown, O = unknown>(
  client: Client,
  fn: WorkflowFunction<I, O> | ((input: I) => Promise<O>),
  options: TemporalCreateOptions = {},
): Workflow<I, O> {
  const {
    workflowType = fn.name,
    retry,
    memo,
    searchAttributes,
    checkTimeoutMs,
    ...shared
  } = options;
  if (typeof workflowType !== 'string' || workflowType === '') {
    throw new OrchestratorError({
      code: 'INVALID_CONFIG',
      op: 'createWorkflow',
      message: 'A Temporal workflow needs a workflow type: a named function or `workflowType`',
      field: 'workflowType',
    });
  }
  const resolved = parseOptions(
    WorkflowOptionsSchema,
    shared,
    'createWorkflow',
    'workflow options',
  );
  return new TemporalWorkflow<I, O>({
    client,
    workflowType,
    name: shared.name ?? workflowType,
    taskQueue: resolved.taskQueue ?? DEFAULT_TASK_QUEUE,
    ...(resolved.timeoutMs === undefined ? {} : { timeoutMs: resolved.timeoutMs }),
    ...(retry ? { retry } : {}),
    ...(memo ? { memo } : {}),
    ...(searchAttributes ? { searchAttributes } : {}),
    ...(checkTimeoutMs === undefined ? {} : { checkTimeoutMs }),
  });
}

/**
 * The `temporal` workflow provider of an orchestrator.
 *
 * @example
 * const orchestrator = createOrchestrator({ workflow: { defaultProvider: 'temporal' } });
 * orchestrator.registerWorkflowProvider('temporal', createTemporalWorkflowProvider(client));
 */
export function createTemporalWorkflowProvider(client: Client): WorkflowProvider {
  const provider: WorkflowProvider = {
    create: <I, O>(fn: WorkflowFunction<I, O>, options: WorkflowOptions) =>
      createWorkflow<I, O>(client, fn, options),
    check: () => checkTemporal(client, { provider: 'temporal' }),
  };
  return provider;
}

/** The graph workflow as a Workflow: execute({ document, input }) runs a graph document. */
export function createGraphWorkflow(
  client: Client,
  options: Partial<Omit<TemporalStartOptions, 'client'>> = {},
): Workflow<GraphWorkflowInput, unknown> {
  return new TemporalWorkflow<GraphWorkflowInput, unknown>({
    client,
    workflowType: GRAPH_WORKFLOW_TYPE,
    name: 'graph',
    ...options,
    taskQueue: options.taskQueue ?? DEFAULT_TASK_QUEUE,
  });
}
