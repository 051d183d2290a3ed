import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';

/** A reader that is never collected: instruments then aggregate as in an app that exports. */
class IdleReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** The SDK MeterProvider the issue asks for: real SDK instruments, no reader, no exporter. */
export function meterProviderWithoutReader(): MeterProvider {
  return new MeterProvider();
}

/** The same SDK with one reader attached: every record() is aggregated into storage. */
export function meterProviderWithReader(): MeterProvider {
  return new MeterProvider({ readers: [new IdleReader()] });
}
