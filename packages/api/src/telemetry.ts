import {
  metrics,
  trace,
  type Counter,
  type MeterProvider,
  type UpDownCounter,
} from '@opentelemetry/api';
import type { WorkflowSpanExport } from '@beluga/temporal';

const SCOPE = '@beluga/api';
const VERSION = '0.1.0';

/** The API's spans (one per procedure call); the process's SDK decides where they go. */
export const apiTracer = trace.getTracer(SCOPE, VERSION);

/** The API's own metric families, beside the engine's `beluga.orchestration.*`. */
export interface ApiMetrics {
  /** Runs started, by executor (`local`, `temporal`). */
  runsStarted: Counter;
  /** Open run-event streams (SSE subscribers). */
  eventStreamSubscribers: UpDownCounter;
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
  };
}

/**
 * The process's span processor and resource as the Temporal worker's exporter sink takes them
 * (typed against OpenTelemetry 1.x; the 2.x objects have the same shape at runtime), or
 * undefined when spans are not exported.
 */
export function workflowSpansOf(telemetry: {
  spanProcessor: unknown;
  resource: unknown;
}): WorkflowSpanExport | undefined {
  if (!telemetry.spanProcessor) return undefined;
  return {
    spanProcessor: telemetry.spanProcessor,
    resource: telemetry.resource,
  } as unknown as WorkflowSpanExport;
}
