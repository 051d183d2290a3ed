import { z } from 'zod';
import { OrchestratorError } from './errors.js';

/** Retries as a count of extra attempts, or a partial backoff policy. */
/** The longest delay a Node.js timer can wait (about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** A duration in milliseconds that a timer can honour. */
export const DurationMsSchema = z.number().int().positive().max(MAX_TIMER_MS);

export const RetryOptionSchema = z.union([
  z.number().int().min(0).max(100),
  z
    .object({
      maxAttempts: z.number().int().min(1).max(101),
      initialDelayMs: z.number().min(0).max(MAX_TIMER_MS),
      maxDelayMs: z.number().min(0).max(MAX_TIMER_MS),
      multiplier: z.number().min(1),
      jitter: z.number().min(0).max(1),
    })
    .partial()
    .strict(),
]);

/** One problem found while validating options or configuration. */
export interface FieldProblem {
  /** Dotted path of the bad field (`graph.maxWorkers`, `retries.jitter`), `(root)` for the value. */
  field: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

function toProblem(issue: Issue, prefix: readonly PropertyKey[] = []): FieldProblem {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') return unionProblem(issue.errors, path, issue.message);
  // A strict object reports unknown keys at its own path; the key itself is the bad field.
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0] ?? '');
  return { field: path.map(String).join('.') || '(root)', message: issue.message };
}

/**
 * A union's own message is only "Invalid input". When a branch matched the type and failed deeper
 * (a retry policy object with a bad field), that branch's problem is the useful one.
 */
function unionProblem(branches: Issue[][], path: PropertyKey[], message: string): FieldProblem {
  const firsts = branches.map((branch) => branch[0]).filter((issue) => issue !== undefined);
  const deepest = firsts.reduce<Issue | undefined>(
    (best, next) => (next.path.length > (best?.path.length ?? 0) ? next : best),
    undefined,
  );
  if (deepest) return toProblem(deepest, path);
  const expected = firsts.map((issue) => issue.message).join(', or ');
  return { field: path.map(String).join('.') || '(root)', message: expected || message };
}

/** The problems of a failed zod parse, one per issue, in the order zod reported them. */
export function toFieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => toProblem(issue));
}

/**
 * Parses options with a zod schema, turning failures into INVALID_CONFIG errors whose message
 * names every bad field and whose `field` is the first one.
 *
 * @example
 * parseOptions(ChainOptionsSchema, { timeoutMs: -1 }, 'createChain', 'chain options');
 * // throws INVALID_CONFIG "Invalid chain options: timeoutMs: Too small: ..." with field 'timeoutMs'
 */
export function parseOptions<S extends z.ZodType>(
  schema: S,
  input: unknown,
  op: string,
  subject = 'options',
): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issues = toFieldProblems(parsed.error);
  throw new OrchestratorError({
    code: 'INVALID_CONFIG',
    op,
    message: `Invalid ${subject}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
    field: issues[0]?.field,
    details: { issues },
  });
}

const RunOptionsSchema = z
  .object({
    signal: z.instanceof(AbortSignal, { message: 'must be an AbortSignal' }).optional(),
    timeoutMs: DurationMsSchema.optional(),
    onEvent: z
      .custom<(event: never) => void>((v) => typeof v === 'function', 'must be a function')
      .optional(),
    runId: z.string().min(1).optional(),
  })
  .loose();

/**
 * Checks the per-call options of invoke/stream (INVALID_CONFIG naming the field) and returns
 * them unchanged: a bad signal or timeout must fail the call before anything starts.
 */
export function parseRunOptions<O extends object>(options: O, op: string): O {
  parseOptions(RunOptionsSchema, options, op, 'run options');
  return options;
}
