import {
  metrics,
  trace,
  type Counter,
  type Histogram,
  type MeterProvider,
  type SpanContext,
  type UpDownCounter,
} from '@opentelemetry/api';
import type { RunEvent } from '@beluga/orchestration';
import type { WorkflowSpanExport } from '@beluga/temporal';

const SCOPE = '@beluga/api';
const VERSION = '0.1.0';

/** The API's spans (one per procedure call); the process's SDK decides where they go. */
export const apiTracer = trace.getTracer(SCOPE, VERSION);

/** One finished span of a run's trace, as the run panel's waterfall shows it. */
export interface TraceSpan {
  traceId: string;
  spanId: string;
  /** Empty for the trace's root. */
  parentSpanId: string;
  name: string;
  service: string;
  /** Epoch milliseconds. */
  startMs: number;
  durationMs: number;
  error: boolean;
  attributes: Record<string, string | number | boolean>;
}

/** The process's recent traces (createTraceStore in @beluga/observability). */
export interface TraceReader {
  /** The trace of a run, from its spans (`beluga.run.id`): Temporal runs' events carry none. */
  traceIdOf(runId: string): string | undefined;
  trace(traceId: string): { spans: TraceSpan[]; dropped: number };
}

/** The API's own metric families, beside the engine's `beluga.orchestration.*`. */
export interface ApiMetrics {
  /** Runs started, by executor (`local`, `temporal`). */
  runsStarted: Counter;
  /** Open run-event streams (SSE subscribers). */
  eventStreamSubscribers: UpDownCounter;
  /** Node attempts finished, by status, with their duration (from the run events). */
  nodeDuration: Histogram;
}

/**
 * Creates the API's instruments. Call it once the process's SDK is registered (the global meter
 * API hands out no-op meters before, and they stay no-op).
 */
export function createApiMetrics(provider: MeterProvider = metrics.getMeterProvider()): ApiMetrics {
  const meter = provider.getMeter(SCOPE, VERSION);
  return {
    runsStarted: meter.createCounter('beluga.runs.started', {
      description: 'Runs started through the API, by executor',
    }),
    eventStreamSubscribers: meter.createUpDownCounter('beluga.event_stream.subscribers', {
      description: 'Run-event streams open on this server',
    }),
    nodeDuration: meter.createHistogram('beluga.node.duration', {
      description: 'Node attempt durations of the runs this server stores events for, by status',
      unit: 'ms',
    }),
  };
}

/**
 * Records the node durations a batch of run events reports: off the engine's hot path (once per
 * stored batch), for local and Temporal runs alike.
 */
export function recordNodeDurations(metrics: ApiMetrics, batch: readonly RunEvent[]): void {
  for (const event of batch) {
    if (event.durationMs === undefined) continue;
    if (event.type === 'node.succeeded' || event.type === 'node.failed')
      metrics.nodeDuration.record(event.durationMs, { status: event.type.slice(5) });
  }
}

/** What the SDK's span processor is asked for by the worker's exporter sink. */
interface SpanProcessorLike {
  onEnd(span: unknown): void;
  forceFlush(): Promise<void>;
}

/** A workflow span as Temporal's sink rebuilds it: OpenTelemetry 1.x's ReadableSpan. */
interface LegacyReadableSpan {
  spanContext(): SpanContext;
  parentSpanId?: string;
  parentSpanContext?: SpanContext;
  instrumentationLibrary?: { name: string; version?: string };
  instrumentationScope?: { name: string; version?: string };
}

/**
 * Temporal rebuilds the workflow's spans (made in its sandbox with OpenTelemetry 1.x) in the 1.x
 * shape: `instrumentationLibrary` and `parentSpanId` where 2.x exporters read
 * `instrumentationScope` and `parentSpanContext`. Without this an OTLP exporter fails on them.
 */
export function toCurrentSpanShape(span: LegacyReadableSpan): LegacyReadableSpan {
  const own = span.spanContext();
  const parentSpanContext =
    span.parentSpanContext ??
    (span.parentSpanId
      ? { traceId: own.traceId, spanId: span.parentSpanId, traceFlags: own.traceFlags }
      : undefined);
  const instrumentationScope = span.instrumentationScope ??
    span.instrumentationLibrary ?? { name: 'unknown' };
  return { ...span, instrumentationScope, ...(parentSpanContext ? { parentSpanContext } : {}) };
}

/**
 * The process's span processor and resource as the Temporal worker's exporter sink takes them
 * (typed against OpenTelemetry 1.x), the spans brought to the 2.x shape on the way, or
 * undefined when spans are not exported.
 */
export function workflowSpansOf(telemetry: {
  spanProcessor: SpanProcessorLike | undefined;
  resource: unknown;
}): WorkflowSpanExport | undefined {
  const target = telemetry.spanProcessor;
  if (!target) return undefined;
  const spanProcessor = {
    onStart: () => undefined,
    onEnd: (span: LegacyReadableSpan) => target.onEnd(toCurrentSpanShape(span)),
    forceFlush: () => target.forceFlush(),
    // The process's tracer provider owns the processor and shuts it down.
    shutdown: () => Promise.resolve(),
  };
  return { spanProcessor, resource: telemetry.resource } as unknown as WorkflowSpanExport;
}
