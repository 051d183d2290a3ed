import type { AppRouter } from '@beluga/api';
import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import type { TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { flushBrowserSpans, webTracer } from './telemetry';

/** The user actions a mutation stands for, by procedure; the span is named after the action. */
const ACTIONS: Record<string, string> = {
  'runs.start': 'Run',
  'graphs.update': 'Save',
  'runs.approve': 'Approve',
  'runs.reject': 'Reject',
  'runs.cancel': 'Cancel',
  'runs.terminate': 'Terminate',
  'graphs.create': 'Create graph',
  'graphs.import': 'Import graph',
  'graphs.duplicate': 'Duplicate graph',
  'graphs.delete': 'Delete graph',
  'versions.restore': 'Restore version',
};

/** The action of an operation, or undefined (queries, and mutations no user asked for). */
export function actionOf(op: { type: string; path: string }): string | undefined {
  return op.type === 'mutation' ? ACTIONS[op.path] : undefined;
}

/**
 * Starts a span for each user action (a mutation in ACTIONS), ended when the server answers,
 * and hands its `traceparent` to the HTTP link in the operation's context: the API call, and
 * the run it starts, are its children.
 */
export const actionSpanLink: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) => {
    const action = actionOf(op);
    if (!action) return next(op);
    return observable((observer) => {
      const span = webTracer.startSpan(action, {
        attributes: { 'beluga.action': action, 'rpc.method': op.path },
      });
      const carrier: Record<string, string> = {};
      propagation.inject(trace.setSpan(context.active(), span), carrier);
      let ended = false;
      const end = (error?: unknown) => {
        if (ended) return;
        ended = true;
        if (error !== undefined)
          span.setStatus({
            code: SpanStatusCode.ERROR,
            message: error instanceof Error ? error.message : 'failed',
          });
        span.end();
        flushBrowserSpans();
      };
      const subscription = next({ ...op, context: { ...op.context, ...carrier } }).subscribe({
        next: (value) => observer.next(value),
        error: (error) => {
          end(error);
          observer.error(error);
        },
        complete: () => {
          end();
          observer.complete();
        },
      });
      return () => {
        end();
        subscription.unsubscribe();
      };
    });
  };

/** The `traceparent` an operation's context carries (set by actionSpanLink). */
export const traceparentOf = (op: { context: Record<string, unknown> }) =>
  typeof op.context.traceparent === 'string' ? op.context.traceparent : undefined;

/**
 * fetch() inside the trace named by the request's `traceparent` header: the fetch
 * instrumentation's span (and the header it sends) then continues the action's trace. The
 * browser has no async context, so the action's span is made active here, for the call itself.
 */
export function fetchInTrace(url: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const headers = new Headers(init?.headers);
  const traceparent = headers.get('traceparent');
  if (!traceparent) return globalThis.fetch(url, init);
  const parent = propagation.extract(context.active(), { traceparent });
  return context.with(parent, () => globalThis.fetch(url, init));
}
