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
  /** Our stable code (`NOT_FOUND`, `VALIDATION_FAILED`, `CONFLICT`…). */
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

/** Maps anything thrown inside a procedure to what the client may see: never a stack trace. */
export function errorDataOf(error: TRPCError): ApiErrorData {
  const own = (error as TRPCError & { apiData?: ApiErrorData }).apiData;
  if (own) return own;
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
