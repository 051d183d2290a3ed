import { createApiServices, createAuth, loadCredentialsKey, workflowSpansOf } from '@beluga/api';
import { openDatabase } from '@beluga/db';
import {
  createLogger,
  createTraceStore,
  startTelemetry,
  telemetryConfigOf,
} from '@beluga/observability';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createApp } from './app.js';
import { loadEnv } from './env.js';

const env = loadEnv();
// First: the engine takes its meter when a graph is compiled, and it must be the SDK's.
const telemetryConfig = telemetryConfigOf(env, 'beluga-server');
// The run panel's trace view reads recent traces from memory, with or without a collector.
const traceStore =
  env.BELUGA_TRACE_VIEW && !telemetryConfig.disabled ? createTraceStore() : undefined;
const telemetry = startTelemetry(telemetryConfig, {
  spanProcessors: traceStore ? [traceStore.processor] : [],
});
const logger = createLogger({ service: telemetry.serviceName, level: env.LOG_LEVEL });

// The URL may carry a password: it is used, never logged.
const db = await openDatabase(
  env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: join(env.DATA_DIR, 'pglite') },
);
const workflowSpans = workflowSpansOf(telemetry);
const services = await createApiServices({
  db,
  instanceId: env.instanceId,
  network: { allowPrivateNetworks: env.BELUGA_ALLOW_PRIVATE_NETWORK },
  limits: { maxGraphNodes: env.MAX_GRAPH_NODES, maxRunningPerUser: env.MAX_RUNNING_PER_USER },
  maxActiveRuns: env.MAX_ACTIVE_RUNS,
  runLeaseMs: env.BELUGA_RUN_LEASE_MS,
  credentialsKey: loadCredentialsKey({
    fromEnv: env.BELUGA_CREDENTIALS_KEY,
    file: join(env.DATA_DIR, 'credentials.key'),
  }),
  ...(env.TEMPORAL_ADDRESS
    ? {
        temporal: {
          address: env.TEMPORAL_ADDRESS,
          namespace: env.TEMPORAL_NAMESPACE,
          taskQueue: env.TEMPORAL_TASK_QUEUE,
          worker: env.BELUGA_TEMPORAL_WORKER,
          ...(env.TEMPORAL_UI_URL ? { webUiUrl: env.TEMPORAL_UI_URL } : {}),
          ...(workflowSpans ? { workflowSpans } : {}),
        },
      }
    : {}),
  ...(traceStore ? { traces: traceStore } : {}),
  log: (msg, fields) => logger.error(fields, msg),
  info: (msg, fields) => logger.info(fields, msg),
});
if (services.interrupted.length > 0)
  logger.info({ runs: services.interrupted }, 'runs interrupted by the last stop');

const auth = createAuth({
  db,
  // Servers sharing the database share the key their session cookies are signed with.
  secret:
    env.BELUGA_AUTH_SECRET ??
    (await db.teams.instanceSecret('auth', () => randomBytes(32).toString('base64url'))),
  signUp: env.BELUGA_SIGNUP,
  signInPerMinute: env.BELUGA_SIGNIN_PER_MINUTE,
  secureCookies: env.BELUGA_SECURE_COOKIES,
});

const app = createApp({
  api: { services, db, auth },
  ...(env.BELUGA_TRUST_PROXY === undefined ? {} : { trustProxy: env.BELUGA_TRUST_PROXY }),
  maxBodyBytes: env.MAX_BODY_BYTES,
  ...(env.WEB_DIR ? { webDir: env.WEB_DIR } : {}),
  logger,
  metrics: (request, response) => telemetry.metricsHandler(request, response),
  // The browser's spans go to the same collector, under their own service name.
  traceProxy: {
    ...(telemetryConfig.traces && !telemetryConfig.disabled
      ? { traces: telemetryConfig.traces }
      : {}),
    serviceName: env.BELUGA_WEB_SERVICE_NAME,
    ...(traceStore ? { record: (spans) => traceStore.add(spans) } : {}),
  },
});
const server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  logger.info(
    {
      url: `http://localhost:${port}`,
      database: db.kind,
      instanceId: env.instanceId,
      temporal: env.TEMPORAL_ADDRESS ? { worker: env.BELUGA_TEMPORAL_WORKER } : 'off',
      tracing: telemetry.exporting ? 'otlp' : 'off',
    },
    'server listening',
  );
});

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  server.closeAllConnections();
  server.close(() => {
    void services
      .close()
      .then(() => db.close())
      .then(() => telemetry.shutdown())
      .then(() => process.exit(0));
  });
}
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
