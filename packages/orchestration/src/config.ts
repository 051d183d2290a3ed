import { z } from 'zod';
import { MAX_TIMER_MS, parseOptions } from './options.js';

const positiveInt = () => z.number().int().positive();

/** Defaults for chains created through an orchestrator. */
export const ChainConfigSchema = z
  .object({
    /**
     * Retries of a failed step (for retryable errors only) when a chain sets none. Default 0:
     * steps may have side effects, so retrying is something a chain opts into.
     */
    defaultRetries: z.number().int().min(0).max(100).default(0),
  })
  .strict();

/** Defaults for graphs created through an orchestrator. */
export const GraphConfigSchema = z
  .object({
    /** Nodes of one run executing at once. Default 16. */
    maxWorkers: positiveInt().max(100_000).default(16),
    /** Ready nodes that may wait for a worker before a run fails (RESOURCE_EXHAUSTED). Default 1,000,000. */
    queueSize: positiveInt().default(1_000_000),
  })
  .strict();

/** Defaults for workflows created through an orchestrator. */
export const WorkflowConfigSchema = z
  .object({
    /** The workflow provider used when `createWorkflow` names none. Default `local`. */
    defaultProvider: z.string().min(1).default('local'),
    /** Task queue durable providers (Temporal) start workflows on. Default `beluga-workflows`. */
    taskQueue: z.string().min(1).default('beluga-workflows'),
  })
  .strict();

/**
 * Configuration of an orchestrator. Every field is optional; `parseConfig({})` gives the defaults.
 *
 * @example
 * const config = parseConfig({ enableWorkflows: false, graph: { maxWorkers: 8 } });
 */
export const OrchestratorConfigSchema = z
  .object({
    /** Allow `createChain`. Default true. */
    enableChains: z.boolean().default(true),
    /** Allow `createGraph`. Default true. */
    enableGraphs: z.boolean().default(true),
    /** Allow `createWorkflow`. Default true. */
    enableWorkflows: z.boolean().default(true),
    /**
     * Deadline of one chain or graph run when neither the runnable nor the call sets one.
     * Default 300,000 (5 minutes); 0 means no default deadline. Workflows are long-running and
     * get none.
     */
    defaultTimeoutMs: z.number().int().min(0).max(MAX_TIMER_MS).default(300_000),
    /**
     * Chain, graph and workflow executions in progress at once across the orchestrator; one more
     * is refused with RESOURCE_EXHAUSTED, and `check()` reports degraded near the limit. Default 1,000.
     */
    maxConcurrentExecutions: positiveInt().default(1000),
    chain: ChainConfigSchema.prefault({}),
    graph: GraphConfigSchema.prefault({}),
    workflow: WorkflowConfigSchema.prefault({}),
    /** How long `check()` waits for a provider's own check before counting it unhealthy. Default 5,000. */
    healthCheckTimeoutMs: positiveInt().default(5000),
    /** Record `beluga.orchestration.*` metrics. Default true. */
    metricsEnabled: z.boolean().default(true),
    /** Record spans. Default true. */
    tracingEnabled: z.boolean().default(true),
  })
  .strict();

/** What callers pass: every field optional. */
export type OrchestratorConfigInput = z.input<typeof OrchestratorConfigSchema>;
/** The resolved configuration, defaults applied. */
export type OrchestratorConfig = z.output<typeof OrchestratorConfigSchema>;

/**
 * Validates a configuration and applies the defaults. Throws OrchestratorError INVALID_CONFIG
 * whose message names every bad field and whose `field` is the first (e.g. `graph.maxWorkers`).
 */
export function parseConfig(input: unknown = {}): OrchestratorConfig {
  return parseOptions(OrchestratorConfigSchema, input, 'parseConfig', 'orchestrator configuration');
}
