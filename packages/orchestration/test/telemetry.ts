import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import {
  MeterProvider,
  MetricReader,
  type DataPoint,
  type Histogram,
} from '@opentelemetry/sdk-metrics';

/** A reader that exports nothing: tests call collect() when they want the numbers. */
class CollectOnlyReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export type Point = DataPoint<number | Histogram>;

/** Real OpenTelemetry SDK providers with in-memory exporters, handed to code under test. */
export function createTestTelemetry() {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const reader = new CollectOnlyReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    telemetry: { tracerProvider, meterProvider },
    spans: (): ReadableSpan[] => exporter.getFinishedSpans(),
    /** Data points of one metric by name, after a collection. */
    async points(name: string): Promise<Point[]> {
      const { resourceMetrics } = await reader.collect();
      const metrics = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
      return metrics
        .filter((m) => m.descriptor.name === name)
        .flatMap((m) => m.dataPoints as Point[]);
    },
    /** Sum of a counter's points whose attributes include `match`. */
    async sum(name: string, match: Record<string, unknown> = {}): Promise<number> {
      const points = await this.points(name);
      return points
        .filter((p) => Object.entries(match).every(([k, v]) => p.attributes[k] === v))
        .reduce((total, p) => total + (typeof p.value === 'number' ? p.value : p.value.count), 0);
    },
  };
}
