import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** Keys whose values never reach a log line, at any of the first three levels of a line. */
const SECRET_KEYS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'apiKey',
  'api_key',
  'password',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'credential',
  'credentials',
  'databaseUrl',
  'DATABASE_URL',
];

const key = (name: string) => (/^[A-Za-z_]\w*$/.test(name) ? `.${name}` : `["${name}"]`);

/** fast-redact paths: `authorization`, `*.authorization`, `*.*.authorization`, ... */
export const REDACT_PATHS = SECRET_KEYS.flatMap((name) => [
  key(name).replace(/^\./, ''),
  `*${key(name)}`,
  `*.*${key(name)}`,
]);

/** Credentials inside strings: `scheme://user:password@host`, `Bearer <token>`. */
const CREDENTIAL_PATTERNS: [RegExp, string][] = [
  [/(\/\/[^:/@\s]+:)[^@/\s]+@/g, '$1[redacted]@'],
  [/\b(Bearer|Basic)\s+[\w\-.~+/=]+/gi, '$1 [redacted]'],
];

export function scrubString(value: string): string {
  let scrubbed = value;
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS)
    scrubbed = scrubbed.replace(pattern, replacement);
  return scrubbed;
}

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  if (value instanceof Error) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrub(v, depth + 1)]),
  );
}

/** The active span's ids, as the OpenTelemetry log data model names them. */
function traceFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  const spanContext = span?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return {
    trace_id: spanContext.traceId,
    span_id: spanContext.spanId,
    trace_flags: `0${spanContext.traceFlags.toString(16)}`,
  };
}

export interface CreateLoggerOptions {
  /** The `service` field of every line (the OTel service name). */
  service: string;
  /** pino's level: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`. */
  level?: string;
  /** Where lines go; default stdout. */
  destination?: DestinationStream;
}

/**
 * The structured JSON logger of a Beluga process: one line per entry with an ISO time, a level
 * name, `msg`, the `trace_id`/`span_id` of the span active where it was written, and secrets
 * redacted (credential-like keys replaced, passwords in URLs and bearer tokens masked).
 *
 * @example
 * const logger = createLogger({ service: 'beluga-server', level: env.LOG_LEVEL });
 * logger.info({ runId }, 'run started');
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const settings: LoggerOptions = {
    level: options.level ?? 'info',
    base: { service: options.service },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (fields) => scrub(fields, 0) as Record<string, unknown>,
    },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    mixin: traceFields,
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

export type { Logger } from 'pino';
