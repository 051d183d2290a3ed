export { OtelEnvSchema, parseKeyValueList, telemetryConfigOf } from './otelEnv.js';
export type { OtelEnv, TelemetryConfig } from './otelEnv.js';
export { startTelemetry } from './startTelemetry.js';
export type { StartTelemetryOptions, Telemetry } from './startTelemetry.js';
export { createLogger, REDACT_PATHS, scrubString } from './createLogger.js';
export type { CreateLoggerOptions, Logger } from './createLogger.js';
export { createTraceStore } from './createTraceStore.js';
export type { StoredSpan, TraceStore, TraceStoreOptions } from './createTraceStore.js';
