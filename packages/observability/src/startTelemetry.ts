import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TelemetryConfig } from './otelEnv.js';

export interface StartTelemetryOptions {
  /** Processors added to the exporting one (tests use an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
}

/** The process's OpenTelemetry SDK, registered globally. */
export interface Telemetry {
  serviceName: string;
  resource: Resource;
  /** Whether spans leave the process (an OTLP endpoint is configured). */
  exporting: boolean;
  /**
   * The processor spans are exported through, when traces are exported; the Temporal worker
   * sends its workflows' spans (made in the sandbox) through it too.
   */
  spanProcessor: SpanProcessor | undefined;
  /** Answers a Prometheus scrape with the current metrics (text exposition format). */
  metricsHandler(request: IncomingMessage, response: ServerResponse): void;
  /** Exports the spans ended so far. */
  flush(): Promise<void>;
  /** Exports what is left and unregisters the SDK. */
  shutdown(): Promise<void>;
}

/** Fans one processor's calls out to several, so the worker's sink reaches them all. */
function fanOut(processors: SpanProcessor[]): SpanProcessor | undefined {
  if (processors.length <= 1) return processors[0];
  return {
    onStart: (span, parent) => processors.forEach((p) => p.onStart(span, parent)),
    onEnd: (span) => processors.forEach((p) => p.onEnd(span)),
    forceFlush: async () => void (await Promise.all(processors.map((p) => p.forceFlush()))),
    shutdown: async () => void (await Promise.all(processors.map((p) => p.shutdown()))),
  };
}

function disabledMetrics(_request: IncomingMessage, response: ServerResponse): void {
  response.statusCode = 404;
  response.end('# metrics are off (OTEL_SDK_DISABLED)\n');
}

/**
 * Registers the OpenTelemetry SDK for this process: the async-hooks context manager and W3C
 * propagators always (an incoming `traceparent` carries on even when nothing is recorded), a
 * tracer provider exporting over OTLP/HTTP when an endpoint is configured, and a meter provider
 * read by Prometheus scrapes. Call it before any graph is compiled: the engine takes its meter
 * once per graph.
 *
 * @example
 * const telemetry = startTelemetry(telemetryConfigOf(env, 'beluga-server'));
 * app.get('/metrics', telemetry.metricsHandler);
 */
export function startTelemetry(
  config: TelemetryConfig,
  options: StartTelemetryOptions = {},
): Telemetry {
  const resource = resourceFromAttributes({
    ...config.resourceAttributes,
    'service.name': config.serviceName,
  });
  if (config.disabled) {
    const done = () => Promise.resolve();
    return {
      serviceName: config.serviceName,
      resource,
      exporting: false,
      spanProcessor: undefined,
      metricsHandler: disabledMetrics,
      flush: done,
      shutdown: done,
    };
  }
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
  );
  const processors = [...(options.spanProcessors ?? [])];
  if (config.traces) {
    const exporter = new OTLPTraceExporter(config.traces);
    processors.push(new BatchSpanProcessor(exporter));
  }
  const spanProcessor = fanOut(processors);
  const tracerProvider = spanProcessor
    ? new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] })
    : undefined;
  if (tracerProvider) trace.setGlobalTracerProvider(tracerProvider);
  const prometheus = new PrometheusExporter({ preventServerStart: true });
  const meterProvider = new MeterProvider({ resource, readers: [prometheus] });
  metrics.setGlobalMeterProvider(meterProvider);
  return {
    serviceName: config.serviceName,
    resource,
    exporting: config.traces !== undefined,
    spanProcessor,
    metricsHandler: (request, response) => prometheus.getMetricsRequestHandler(request, response),
    flush: async () => {
      await tracerProvider?.forceFlush();
    },
    shutdown: async () => {
      await tracerProvider?.shutdown();
      await meterProvider.shutdown();
      trace.disable();
      metrics.disable();
      propagation.disable();
      context.disable();
    },
  };
}
