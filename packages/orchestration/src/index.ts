/**
 * @beluga/orchestration — chains, graphs and workflows with retries, timeouts, typed errors,
 * run events and OpenTelemetry. The pure scheduler is also published on its own subpath,
 * `@beluga/orchestration/scheduler`, for Temporal workflow bundles.
 */
export { createOrchestrator } from './orchestrator.js';
export type {
  CreateChainOptions,
  CreateGraphOptions,
  CreateWorkflowOptions,
  Orchestrator,
  OrchestratorDeps,
} from './orchestrator.js';
export type { OrchestratorMetrics } from './executionTracker.js';
export type {
  ChainProvider,
  GraphProvider,
  ProviderHealth,
  ProviderInput,
  WorkflowProvider,
} from './providers.js';
export { isHealthCheckResult, worstStatus } from './health.js';
export type { HealthCheck, HealthCheckResult, HealthReport, HealthStatus } from './health.js';

export {
  ChainConfigSchema,
  GraphConfigSchema,
  OrchestratorConfigSchema,
  parseConfig,
  WorkflowConfigSchema,
} from './config.js';
export type { OrchestratorConfig, OrchestratorConfigInput } from './config.js';

export { batchWith, isRunnable, runnable, toRunnable } from './runnable.js';
export type { BatchOptions, Runnable, RunOptions, StepContext, StepFunction } from './runnable.js';

export { ChainOptionsSchema, createChain } from './chain.js';
export type { Chain, ChainOptions, ChainStep, ResolvedChainOptions } from './chain.js';
export { BufferMemory, BufferMemoryOptionsSchema, isMemory } from './memory.js';
export type { BufferMemoryOptions, ChatMessage, Memory, MemoryValues } from './memory.js';

export { createGraph, Graph, GraphOptionsSchema, NodeOptionsSchema } from './graph/index.js';
export type {
  CompiledGraph,
  EdgeOptions,
  GraphOptions,
  NodeContext,
  NodeFunction,
  NodeHandler,
  NodeOptions,
  ResolvedGraphOptions,
} from './graph/index.js';

export { createWorkflow, WorkflowOptionsSchema } from './workflow.js';
export type {
  QueryHandler,
  ResolvedWorkflowOptions,
  Workflow,
  WorkflowContext,
  WorkflowExecuteOptions,
  WorkflowExecution,
  WorkflowFunction,
  WorkflowOptions,
  WorkflowStatus,
} from './workflow.js';

export {
  ERROR_CODES,
  errorCode,
  isOrchestratorError,
  isRetryable,
  OrchestratorError,
  toError,
} from './errors.js';
export type { ErrorCode, OrchestratorErrorLike, OrchestratorErrorOptions } from './errors.js';
export { EventChannel, NODE_STATUS_OF_EVENT, previewOf, RUN_EVENT_TYPES } from './events.js';
export { applyNodeEvent, isFinalNodeStatus } from './nodeRunState.js';
export type { NodeRunState } from './nodeRunState.js';
export type {
  NodeRunStatus,
  RunEvent,
  RunEventError,
  RunEventListener,
  RunEventType,
} from './events.js';
export { backoffDelay, DEFAULT_RETRY_POLICY, sleep, toRetryPolicy } from './retry.js';
export type { RetryOption, RetryPolicy } from './retry.js';
export {
  DurationMsSchema,
  MAX_TIMER_MS,
  parseOptions,
  RetryOptionSchema,
  toFieldProblems,
} from './options.js';
export type { FieldProblem } from './options.js';
export { getInstruments, silentLogger } from './telemetry.js';
export type { ExecutionKind, Instruments, Logger, TelemetryOptions } from './telemetry.js';
