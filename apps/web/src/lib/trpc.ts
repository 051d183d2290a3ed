import type { AppRouter } from '@beluga/api';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';

/** The API client: batched HTTP for calls, SSE (which resumes by itself) for subscriptions. */
export const api = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/trpc' }),
      false: httpBatchLink({ url: '/trpc' }),
    }),
  ],
});

export interface ApiErrorInfo {
  message: string;
  /** Our stable code (`CONFLICT`, `INVALID_DOCUMENT`…) when the server sent one. */
  errorCode?: string;
  field?: string;
  details?: Record<string, unknown>;
}

/** What the UI shows of a failed call; branches go on `errorCode`. */
export function errorInfo(error: unknown): ApiErrorInfo {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as Partial<ApiErrorInfo>;
    return {
      message: error.message,
      ...(data.errorCode ? { errorCode: data.errorCode } : {}),
      ...(data.field ? { field: data.field } : {}),
      ...(data.details ? { details: data.details } : {}),
    };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}
