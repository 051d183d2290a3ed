import {
  metrics,
  SpanStatusCode,
  trace,
  type Counter,
  type Histogram,
  type MeterProvider,
  type Span,
  type Tracer,
  type TracerProvider,
  type UpDownCounter,
} from '@opentelemetry/api';
import { errorCode } from './errors.js';

const SCOPE = '@beluga/orchestration';
const VERSION = '0.1.0';

/** Where spans and metrics go. Defaults to the global OpenTelemetry providers. */
export interface TelemetryOptions {
  tracerProvider?: TracerProvider;
  meterProvider?: MeterProvider;
}

export type ExecutionKind = 'chain' | 'graph' | 'workflow';

/** The seed's metric families, under `beluga.orchestration.*`. */
export interface Instruments {
  tracer: Tracer;
  executions: Counter;
  errors: Counter;
  duration: Histogram;
  active: UpDownCounter;
  nodes: Counter;
  nodeDuration: Histogram;
}

const cache = new WeakMap<object, Instruments>();

/**
 * Instruments for one pair of providers, created once and cached. Resolve them when a chain or
 * graph is created, not per run: the global meter API is not a proxy, so a meter taken before the
 * SDK was registered would stay a no-op.
 */
export function getInstruments(options: TelemetryOptions = {}): Instruments {
  const meterProvider = options.meterProvider ?? metrics.getMeterProvider();
  const tracerProvider = options.tracerProvider ?? trace.getTracerProvider();
  const byTracer = cache.get(meterProvider);
  if (byTracer && (byTracer as Instruments & { provider?: unknown }).provider === tracerProvider)
    return byTracer;
  const meter = meterProvider.getMeter(SCOPE, VERSION);
  const instruments = Object.assign(
    {
      tracer: tracerProvider.getTracer(SCOPE, VERSION),
      executions: meter.createCounter('beluga.orchestration.executions', {
        description: 'Chain, graph and workflow executions, by kind and status',
      }),
      errors: meter.createCounter('beluga.orchestration.errors', {
        description: 'Failed executions, by kind and error code',
      }),
      duration: meter.createHistogram('beluga.orchestration.duration', {
        description: 'Execution duration, by kind',
        unit: 'ms',
      }),
      active: meter.createUpDownCounter('beluga.orchestration.active', {
        description: 'Executions in progress, by kind',
      }),
      nodes: meter.createCounter('beluga.orchestration.nodes', {
        description: 'Graph nodes finished, by status',
      }),
      nodeDuration: meter.createHistogram('beluga.orchestration.node.duration', {
        description: 'Graph node attempt duration',
        unit: 'ms',
      }),
    },
    { provider: tracerProvider },
  );
  cache.set(meterProvider, instruments);
  return instruments;
}

/** Records an error on a span the way every span in this package does. */
export function recordSpanError(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  const err = error instanceof Error ? error : new Error(String(error));
  span.recordException(err);
  span.setAttribute('beluga.error.code', errorCode(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
}

/** Structured logger; inject pino or anything with these four methods. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const noop = (): void => undefined;

export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };
