import { trace, type Context } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  WebTracerProvider,
  type ReadableSpan,
  type Span,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-web';

/** Where the web app's spans go: the server's /v1/traces, which forwards them (traceProxy). */
const TRACES_PATH = '/v1/traces';

/**
 * A processor that forwards to one set later: tracing (and `traceparent`) works from the first
 * click, while whether spans are exported is asked of the server.
 */
class DeferredSpanProcessor implements SpanProcessor {
  target: SpanProcessor | undefined;
  onStart(span: Span, parent: Context): void {
    this.target?.onStart(span, parent);
  }
  onEnd(span: ReadableSpan): void {
    this.target?.onEnd(span);
  }
  forceFlush(): Promise<void> {
    return this.target?.forceFlush() ?? Promise.resolve();
  }
  shutdown(): Promise<void> {
    return this.target?.shutdown() ?? Promise.resolve();
  }
}

/** The web app's tracer: user actions (Run, Save, Approve…) start spans with it. */
export const webTracer = trace.getTracer('@beluga/web', '0.1.0');

let started = false;
let provider: WebTracerProvider | undefined;

/**
 * Sends the spans ended so far now (after a user action), so the run panel's trace view finds
 * the click as soon as the run is shown.
 */
export function flushBrowserSpans(): void {
  void provider?.forceFlush().catch(() => undefined);
}

/**
 * Starts browser tracing: a tracer provider with W3C propagation, fetch instrumentation (every
 * API call is a client span and carries `traceparent`), and export through the server once it
 * says it exports (GET /v1/traces). Idempotent.
 */
export function startBrowserTelemetry(): void {
  if (started) return;
  started = true;
  const deferred = new DeferredSpanProcessor();
  provider = new WebTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'beluga-web' }),
    spanProcessors: [deferred],
  });
  provider.register();
  registerInstrumentations({
    instrumentations: [
      new FetchInstrumentation({
        // Exporting spans must not make spans; the SSE stream is not a call.
        ignoreUrls: [/\/v1\/traces$/],
        clearTimingResources: true,
      }),
    ],
  });
  void fetch(TRACES_PATH)
    .then(async (response) =>
      response.ok ? ((await response.json()) as { exporting?: boolean }) : {},
    )
    .then((answer: { exporting?: boolean }) => {
      if (!answer.exporting) return;
      const exporter = new OTLPTraceExporter({ url: TRACES_PATH });
      deferred.target = new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 });
    })
    .catch(() => undefined);
}
