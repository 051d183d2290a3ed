/**
 * @beluga/temporal — Beluga on Temporal: the seed's Workflow over `@temporalio/client`
 * (the `temporal` workflow provider), the graph workflow that runs graph documents with the pure
 * scheduler of @beluga/orchestration, its activities, and a worker factory. The workflow code
 * itself is the `@beluga/temporal/workflows` subpath.
 */
export {
  createGraphWorkflow,
  createTemporalWorkflowProvider,
  createWorkflow,
} from './client/createTemporalWorkflow.js';
export type { TemporalCreateOptions } from './client/createTemporalWorkflow.js';
export { TemporalWorkflow } from './client/temporalWorkflow.js';
export { clientTracingInterceptors } from './client/tracing.js';
export type { TemporalStartOptions, TemporalWorkflowOptions } from './client/temporalWorkflow.js';

export { createMemoryRunEventSink, redactingSink, serialisePerRun } from './eventSink.js';
export type { MemoryRunEventSink, RunEventSink, RunRedaction } from './eventSink.js';

export { createGraphActivities } from './activities/createGraphActivities.js';
export type {
  GraphActivities,
  GraphActivitiesOptions,
} from './activities/createGraphActivities.js';
export { bundleGraphWorkflows, graphWorkflowsPath } from './worker/bundleGraphWorkflows.js';
export { createGraphWorker, createRunEventSinks } from './worker/createGraphWorker.js';
export type { GraphWorkerOptions } from './worker/createGraphWorker.js';
export type { WorkflowSpanExport } from './worker/tracing.js';

export {
  APPROVE_SIGNAL,
  DEFAULT_LIMITS,
  DEFAULT_TASK_QUEUE,
  GRAPH_WORKFLOW_TYPE,
  REJECT_SIGNAL,
  STATE_QUERY,
} from './shared.js';
export type {
  ApprovalSignal,
  CompiledRunSpec,
  GraphRunState,
  GraphWorkflowInput,
  GraphWorkflowLimits,
  NodeSpec,
  RunEventDraft,
} from './shared.js';
