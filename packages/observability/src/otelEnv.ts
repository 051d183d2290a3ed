import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((value) => value === 'true' || value === '1');

/**
 * The standard OpenTelemetry variables Beluga reads (a subset of the specification's), to merge
 * into an app's own env schema. Export is opt-in: without an OTLP endpoint nothing leaves the
 * process (the specification's default of localhost:4318 is not assumed).
 */
export const OtelEnvSchema = z.object({
  /** `true` turns the SDK off: no spans recorded or exported, no metrics. */
  OTEL_SDK_DISABLED: flag,
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /** `key=value,key2=value2`, added to every span's and metric's resource. */
  OTEL_RESOURCE_ATTRIBUTES: z.string().optional(),
  /** `otlp` (the default when an endpoint is set) or `none`. */
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none', '']).optional(),
  /** The collector's base URL; traces go to `<endpoint>/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** The full traces URL, overriding the one derived from OTEL_EXPORTER_OTLP_ENDPOINT. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
  /** `key=value,...` sent with every export (e.g. an API key); never logged. */
  OTEL_EXPORTER_OTLP_HEADERS: z.string().optional(),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: z.string().optional(),
});

export type OtelEnv = z.infer<typeof OtelEnvSchema>;

/** Where a process's traces go, resolved from the OTEL_* variables. */
export interface TelemetryConfig {
  disabled: boolean;
  serviceName: string;
  resourceAttributes: Record<string, string>;
  /** The OTLP/HTTP traces endpoint and its headers; absent: spans are not exported. */
  traces?: { url: string; headers: Record<string, string> };
}

/** `a=1,b=x%20y` → `{ a: '1', b: 'x y' }`, as the specification encodes lists of pairs. */
export function parseKeyValueList(list: string | undefined): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const item of (list ?? '').split(',')) {
    const at = item.indexOf('=');
    if (at <= 0) continue;
    pairs[decodeURIComponent(item.slice(0, at).trim())] = decodeURIComponent(
      item.slice(at + 1).trim(),
    );
  }
  return pairs;
}

/** The traces URL: the signal-specific variable as given, else `<endpoint>/v1/traces`. */
function tracesUrl(env: OtelEnv): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
}

/** Resolves the OTEL_* variables into a TelemetryConfig, with the app's default service name. */
export function telemetryConfigOf(env: OtelEnv, defaultServiceName: string): TelemetryConfig {
  const url = tracesUrl(env);
  const exporting = url !== undefined && env.OTEL_TRACES_EXPORTER !== 'none';
  return {
    disabled: env.OTEL_SDK_DISABLED,
    serviceName: env.OTEL_SERVICE_NAME ?? defaultServiceName,
    resourceAttributes: parseKeyValueList(env.OTEL_RESOURCE_ATTRIBUTES),
    ...(exporting
      ? {
          traces: {
            url,
            headers: {
              ...parseKeyValueList(env.OTEL_EXPORTER_OTLP_HEADERS),
              ...parseKeyValueList(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS),
            },
          },
        }
      : {}),
  };
}
