import { isOrchestratorError, type ErrorCode } from '@beluga/orchestration';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

/** The one place our error codes become tRPC (and so HTTP) codes. */
const TRPC_CODE_OF: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  INVALID_CONFIG: 'BAD_REQUEST',
  VALIDATION_FAILED: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  INVALID_STATE: 'CONFLICT',
  RESOURCE_EXHAUSTED: 'TOO_MANY_REQUESTS',
  TIMEOUT: 'TIMEOUT',
  CANCELLED: 'CLIENT_CLOSED_REQUEST',
  DEPENDENCY_FAILED: 'SERVICE_UNAVAILABLE',
  EXECUTION_FAILED: 'INTERNAL_SERVER_ERROR',
};

/** What every error response carries in `data`, for clients to branch on. */
export interface ApiErrorData {
  /** Our stable code (`NOT_FOUND`, `INVALID_INPUT`, `CONFLICT`…). */
  errorCode: string;
  field?: string;
  details?: Record<string, unknown>;
}

/** An API error with our code, a client-safe message and structured details. */
export function apiError(options: {
  code: TRPC_ERROR_CODE_KEY;
  errorCode: string;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
}): TRPCError {
  const error = new TRPCError({ code: options.code, message: options.message });
  Object.assign(error, {
    apiData: {
      errorCode: options.errorCode,
      ...(options.field ? { field: options.field } : {}),
      ...(options.details ? { details: options.details } : {}),
    } satisfies ApiErrorData,
  });
  return error;
}

export function notFound(what: string, id: string): TRPCError {
  return apiError({
    code: 'NOT_FOUND',
    errorCode: 'NOT_FOUND',
    message: `${what} "${id}" does not exist`,
  });
}

interface InputIssue {
  path: PropertyKey[];
  message: string;
  code?: string;
}

/** The zod issues of a refused procedure input (tRPC wraps the ZodError as the cause). */
function inputIssuesOf(error: TRPCError): InputIssue[] | undefined {
  const cause = error.cause as { name?: unknown; issues?: unknown } | undefined;
  if (error.code !== 'BAD_REQUEST' || cause?.name !== 'ZodError') return undefined;
  return Array.isArray(cause.issues) && cause.issues.length > 0
    ? (cause.issues as InputIssue[])
    : undefined;
}

const pathOf = (issue: InputIssue) => issue.path.map(String).join('.');

/** The message a client sees: a refused input names its field instead of dumping zod's JSON. */
export function errorMessageOf(error: TRPCError): string {
  const first = inputIssuesOf(error)?.[0];
  if (!first) return error.message;
  return `Invalid input${first.path.length > 0 ? ` at "${pathOf(first)}"` : ''}: ${first.message}`;
}

/** Maps anything thrown inside a procedure to what the client may see: never a stack trace. */
export function errorDataOf(error: TRPCError): ApiErrorData {
  const own = (error as TRPCError & { apiData?: ApiErrorData }).apiData;
  if (own) return own;
  const issues = inputIssuesOf(error);
  if (issues) {
    const field = pathOf(issues[0] as InputIssue);
    return {
      errorCode: 'INVALID_INPUT',
      ...(field ? { field } : {}),
      details: {
        issues: issues.map((issue) => ({
          path: pathOf(issue),
          message: issue.message,
          ...(issue.code ? { code: issue.code } : {}),
        })),
      },
    };
  }
  const cause = error.cause;
  if (isOrchestratorError(cause)) {
    return {
      errorCode: cause.code,
      ...(cause.field ? { field: cause.field } : {}),
      ...(cause.details ? { details: cause.details } : {}),
    };
  }
  return { errorCode: error.code };
}

/** The tRPC code for an error thrown by the engine, nodes or repositories. */
export function trpcCodeOf(error: unknown): TRPC_ERROR_CODE_KEY | undefined {
  return isOrchestratorError(error) ? TRPC_CODE_OF[error.code] : undefined;
}
