import { DurationMsSchema, MAX_TIMER_MS } from '@beluga/orchestration';
import { z } from 'zod';

/** The current format of a graph document. */
export const GRAPH_FORMAT = 'beluga.graph/v1';

/** Ids are any non-empty text without control characters (unicode welcome), up to 200 characters. */
export const IdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  // eslint-disable-next-line no-control-regex -- the point: refuse control characters
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters');

export const PositionSchema = z.object({ x: z.number(), y: z.number() }).strict();

/** How a failed node is retried: attempts in total, exponential backoff with jitter. */
export const RetryPolicySchema = z
  .object({
    maxAttempts: z.number().int().min(1).max(100),
    initialDelayMs: z.number().int().min(0).max(MAX_TIMER_MS),
    maxDelayMs: z.number().int().min(0).max(MAX_TIMER_MS),
    multiplier: z.number().min(1).max(100),
    jitter: z.number().min(0).max(1),
  })
  .partial()
  .strict();

export const GraphNodeSchema = z
  .object({
    id: IdSchema,
    /** A node type of the catalog, e.g. `http.request`. */
    type: z.string().min(1).max(100),
    label: z.string().max(500).optional(),
    position: PositionSchema,
    /** Checked against the node type's own schema by validate(). */
    config: z.record(z.string(), z.json()).default({}),
    retry: RetryPolicySchema.optional(),
    timeoutMs: DurationMsSchema.optional(),
    continueOnError: z.boolean().default(false),
  })
  .strict();

export const GraphEdgeSchema = z
  .object({
    id: IdSchema,
    source: IdSchema,
    sourcePort: z.string().min(1).max(100).default('out'),
    target: IdSchema,
    targetPort: z.string().min(1).max(100).default('in'),
  })
  .strict();

/** A sticky note on the canvas: documentation for people, ignored by validation and runs. */
export const GraphNoteSchema = z
  .object({
    id: IdSchema,
    text: z.string().max(10_000),
    position: PositionSchema,
    size: z
      .object({ width: z.number().min(40).max(4000), height: z.number().min(40).max(4000) })
      .strict()
      .optional(),
    color: z.enum(['yellow', 'blue', 'green', 'pink', 'gray']).default('yellow'),
  })
  .strict();

export const GraphSettingsSchema = z
  .object({
    maxWorkers: z.number().int().min(1).max(10_000).default(16),
    runTimeoutMs: DurationMsSchema.optional(),
    defaultExecutor: z.enum(['local', 'temporal']).default('local'),
  })
  .strict();

/**
 * A graph document, format `beluga.graph/v1`: what the editor draws, exports and imports, and
 * what the server and the CLI run.
 */
export const GraphDocumentSchema = z
  .object({
    format: z.literal(GRAPH_FORMAT),
    id: IdSchema,
    name: z.string().min(1).max(200),
    description: z.string().max(10_000).default(''),
    nodes: z.array(GraphNodeSchema).max(200_000),
    edges: z.array(GraphEdgeSchema).max(1_000_000),
    /** Sticky notes; optional, so documents written before notes existed stay valid. */
    notes: z.array(GraphNoteSchema).max(10_000).default([]),
    settings: GraphSettingsSchema.default({ maxWorkers: 16, defaultExecutor: 'local' }),
  })
  .strict();

export type GraphDocument = z.output<typeof GraphDocumentSchema>;
export type GraphDocumentInput = z.input<typeof GraphDocumentSchema>;
export type GraphNode = z.output<typeof GraphNodeSchema>;
export type GraphEdge = z.output<typeof GraphEdgeSchema>;
export type GraphNote = z.output<typeof GraphNoteSchema>;
export type GraphSettings = z.output<typeof GraphSettingsSchema>;
