import { z } from 'zod';
import { DurationMsSchema, RetryOptionSchema } from '../options.js';
import type { RetryOption } from '../retry.js';
import type { Logger, TelemetryOptions } from '../telemetry.js';

/** Options of `createGraph`, named like the seed's NewGraph options. */
export const GraphOptionsSchema = z
  .object({
    name: z.string().min(1).default('graph'),
    description: z.string().default(''),
    /** Nodes running at once within one run. Default 16. */
    maxWorkers: z.number().int().min(1).max(100_000).default(16),
    /** Ready nodes waiting for a worker before the run fails with RESOURCE_EXHAUSTED. Default 1,000,000. */
    queueSize: z.number().int().min(1).default(1_000_000),
    /** Deadline of a whole run; none by default. */
    timeoutMs: DurationMsSchema.optional(),
    /** Default retries of every node (a node's own setting wins). Default: no retry. */
    retries: RetryOptionSchema.optional(),
    /** Default timeout of every node; none by default. */
    nodeTimeoutMs: DurationMsSchema.optional(),
    /** Characters kept in event data previews. Default 2,048. */
    previewChars: z.number().int().min(0).default(2048),
    /**
     * Record each node attempt in the `beluga.orchestration.node.duration` histogram. Off by
     * default: with the OpenTelemetry SDK each recording costs about 1.5 µs, more than the rest of
     * a node's overhead. Events carry every duration either way.
     */
    recordNodeDurations: z.boolean().default(false),
    telemetry: z.custom<TelemetryOptions>((v) => typeof v === 'object' && v !== null).optional(),
    logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null).optional(),
  })
  .strict();

export type GraphOptions = z.input<typeof GraphOptionsSchema>;
export type ResolvedGraphOptions = z.output<typeof GraphOptionsSchema>;

export const NodeOptionsSchema = z
  .object({
    description: z.string().optional(),
    /** Declared input ports: the node then receives an object keyed by port. */
    inputs: z.array(z.string().min(1)).min(1).optional(),
    /** Declared output ports: the node returns an object keyed by port; missing keys are silent. */
    outputs: z.array(z.string().min(1)).min(1).optional(),
    /** `any`: run once every input edge settled and at least one delivered (a merge after a branch). */
    join: z.enum(['all', 'any']).optional(),
    timeoutMs: DurationMsSchema.optional(),
    retries: RetryOptionSchema.optional(),
    /** Route this node's error to its `error` output port instead of failing the run. */
    continueOnError: z.boolean().optional(),
  })
  .strict();

export type NodeOptions = z.input<typeof NodeOptionsSchema> & { retries?: RetryOption };

export interface EdgeOptions {
  sourcePort?: string;
  targetPort?: string;
}
