import { OrchestratorError } from '@beluga/orchestration';

/** PostgreSQL's SQLSTATE for unique_violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * True when `error` (or one of its causes: drizzle wraps driver errors) is a unique violation.
 * Both pg and PGlite errors carry the SQLSTATE as `code`.
 */
export function isUniqueViolation(error: unknown): boolean {
  return hasCode(error, UNIQUE_VIOLATION);
}

/** True when `error` or one of its causes carries the SQLSTATE `code`. */
export function hasCode(error: unknown, code: string): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === code) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** An INVALID_STATE OrchestratorError for a write that collided with an existing row. */
export function duplicateError(op: string, message: string, cause: unknown): OrchestratorError {
  return new OrchestratorError({ code: 'INVALID_STATE', op, message, cause });
}

/** Clamps a page size to 1..max, with a default. */
export function pageSize(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(max, Math.max(1, Math.floor(limit)));
}
