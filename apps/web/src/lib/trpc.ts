import type { AppRouter } from '@beluga/api';
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
  type TRPCClient,
} from '@trpc/client';
import { sessionLink } from './sessionLink';
import { actionSpanLink, fetchInTrace, traceparentOf } from './tracingLink';

/**
 * The API client: batched HTTP for calls, SSE (which resumes by itself) for subscriptions. A
 * user action (Run, Save, Approve…) gets a span of its own and its own request, so that request
 * carries the action's trace (a batch has one `traceparent` for all its calls). A call refused
 * because the session ended sends the app back to sign-in (sessionLink).
 */
export const api: TRPCClient<AppRouter> = createTRPCClient<AppRouter>({
  links: [
    sessionLink,
    actionSpanLink,
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/trpc' }),
      false: splitLink({
        condition: (op) => traceparentOf(op) !== undefined,
        true: httpLink({
          url: '/trpc',
          headers: ({ op }) => ({ traceparent: traceparentOf(op) ?? '' }),
          fetch: fetchInTrace,
        }),
        false: httpBatchLink({ url: '/trpc' }),
      }),
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
