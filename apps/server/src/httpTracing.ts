import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Request, RequestHandler } from 'express';

const tracer = trace.getTracer('@beluga/server', '0.1.0');

export interface HttpTracingOptions {
  /** Called when the response is done, inside the request's span (an access log line). */
  onDone?: (request: Request, fields: { status: number; durationMs: number }) => void;
}

/**
 * A server span per HTTP request, continuing the caller's trace (`traceparent`) and active while
 * the request is handled, so the tRPC procedures it carries become its children. It stands in
 * for @opentelemetry/instrumentation-http, which in an ESM process needs a loader hook.
 */
export function httpTracing(options: HttpTracingOptions = {}): RequestHandler {
  return (request, response, next) => {
    const parent = propagation.extract(context.active(), request.headers);
    // Mounted where it is used (`/trpc`): the mount point is the route.
    const route = request.baseUrl || '/';
    const span = tracer.startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'http.route': route,
          'url.path': request.originalUrl.split('?')[0] ?? '',
          'url.scheme': request.protocol,
        },
      },
      parent,
    );
    const active = trace.setSpan(parent, span);
    const started = performance.now();
    response.once('close', () => {
      const status = response.statusCode;
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      const durationMs = Math.round(performance.now() - started);
      context.with(active, () => options.onDone?.(request, { status, durationMs }));
      span.end();
    });
    context.with(active, next);
  };
}
