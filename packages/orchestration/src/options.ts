import { z } from 'zod';
import { OrchestratorError } from './errors.js';

/** Retries as a count of extra attempts, or a partial backoff policy. */
export const RetryOptionSchema = z.union([
  z.number().int().min(0).max(100),
  z
    .object({
      maxAttempts: z.number().int().min(1).max(101),
      initialDelayMs: z.number().min(0),
      maxDelayMs: z.number().min(0),
      multiplier: z.number().min(1),
      jitter: z.number().min(0).max(1),
    })
    .partial()
    .strict(),
]);

/**
 * Parses options with a zod schema, turning failures into INVALID_CONFIG errors whose message
 * names every bad field and whose `field` is the first one.
 */
export function parseOptions<S extends z.ZodType>(
  schema: S,
  input: unknown,
  op: string,
): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  throw new OrchestratorError({
    code: 'INVALID_CONFIG',
    op,
    message: `Invalid options: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
    field: issues[0]?.field,
    details: { issues },
  });
}
