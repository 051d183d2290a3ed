/** Stable error codes, the contract every boundary (tRPC, HTTP, Temporal) maps once. */
export const ERROR_CODES = [
  'INVALID_CONFIG',
  'EXECUTION_FAILED',
  'TIMEOUT',
  'DEPENDENCY_FAILED',
  'RESOURCE_EXHAUSTED',
  'INVALID_STATE',
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'CANCELLED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes that describe a transient condition: retrying may succeed. */
const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set([
  'EXECUTION_FAILED',
  'TIMEOUT',
  'RESOURCE_EXHAUSTED',
  'DEPENDENCY_FAILED',
]);

export interface OrchestratorErrorOptions {
  code: ErrorCode;
  /** The operation that failed, e.g. `graph.invoke` or `node:fetch`. */
  op: string;
  message: string;
  cause?: unknown;
  /** Overrides the code's default retryability. */
  retryable?: boolean;
  /** The configuration field or input key the error is about, when there is one. */
  field?: string;
  /** Extra structured data for callers (e.g. a cycle's path). */
  details?: Record<string, unknown>;
}

/**
 * The one error type of the orchestration engine. Recognise it with {@link isOrchestratorError}
 * (by name and code) rather than `instanceof`: errors cross V8 contexts in Temporal workflows.
 *
 * @example
 * throw new OrchestratorError({ code: 'NOT_FOUND', op: 'graph.addEdge', message: 'no node "b"' });
 */
export class OrchestratorError extends Error {
  override readonly name = 'OrchestratorError';
  readonly code: ErrorCode;
  readonly op: string;
  readonly retryable: boolean;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(options: OrchestratorErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.op = options.op;
    this.retryable = options.retryable ?? RETRYABLE_CODES.has(options.code);
    this.field = options.field;
    this.details = options.details;
  }

  isRetryable(): boolean {
    return this.retryable;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      op: this.op,
      message: this.message,
      retryable: this.retryable,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** The shape of an OrchestratorError, as seen across contexts or after serialisation. */
export interface OrchestratorErrorLike {
  name: 'OrchestratorError';
  code: ErrorCode;
  op: string;
  message: string;
  retryable?: boolean;
  field?: string;
  details?: Record<string, unknown>;
}

const CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);

/** True for an OrchestratorError from any realm, recognised by name and code. */
export function isOrchestratorError(error: unknown): error is OrchestratorErrorLike {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown };
  return (
    candidate.name === 'OrchestratorError' &&
    typeof candidate.code === 'string' &&
    CODE_SET.has(candidate.code)
  );
}

/**
 * Whether a failure is worth retrying. Orchestrator errors say so themselves; any other error
 * is retryable unless it carries `retryable: false` or `nonRetryable: true` (Temporal's spelling).
 */
export function isRetryable(error: unknown): boolean {
  if (isOrchestratorError(error)) return error.retryable ?? RETRYABLE_CODES.has(error.code);
  if (typeof error === 'object' && error !== null) {
    const flags = error as { retryable?: unknown; nonRetryable?: unknown };
    if (flags.retryable === false || flags.nonRetryable === true) return false;
  }
  return true;
}

/** Turns anything thrown (strings, objects, undefined) into an Error without losing it. Never throws. */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  try {
    if (typeof thrown === 'object' && thrown !== null && 'message' in thrown) {
      const { message, name } = thrown as { message: unknown; name?: unknown };
      const error = new Error(typeof message === 'string' ? message : describe(message), {
        cause: thrown,
      });
      if (typeof name === 'string') error.name = name;
      return error;
    }
  } catch {
    // a throwing getter: fall through to the generic description
  }
  return new Error(`Non-error thrown: ${describe(thrown)}`, { cause: thrown });
}

/** JSON when possible, else String(), else the type: a description that cannot throw. */
function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    try {
      return String(value);
    } catch {
      return `[${typeof value}]`;
    }
  }
}

/** The code of any error: its own when it is an orchestrator error, EXECUTION_FAILED otherwise. */
export function errorCode(error: unknown): ErrorCode {
  return isOrchestratorError(error) ? error.code : 'EXECUTION_FAILED';
}
