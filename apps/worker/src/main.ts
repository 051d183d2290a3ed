#!/usr/bin/env node
// The Beluga worker process: `node apps/worker/dist/main.js`. Configuration comes from the
// environment (see env.ts); SIGTERM or SIGINT stop it gracefully.
import {
  createDatabaseEventSink,
  createGraphDocumentLoader,
  createRunScopes,
  scopedRunServices,
  workflowSpansOf,
} from '@beluga/api';
import { openDatabase } from '@beluga/db';
import { createLogger, startTelemetry } from '@beluga/observability';
import { createNodeRegistry } from '@beluga/nodes';
import { loadEnv } from './env.js';
import { createLogSink } from './logSink.js';
import { startWorker } from './startWorker.js';

const env = loadEnv();
// Activities' spans go to the global provider; the workflows' through the same processor.
const telemetry = startTelemetry(env.telemetry);
const logger = createLogger({ service: telemetry.serviceName, level: env.logLevel });
const log = (msg: string, fields: Record<string, unknown> = {}) => logger.info(fields, msg);
const workflowSpans = workflowSpansOf(telemetry);
// With the server's database, events land in the run log every server streams from.
const db = env.databaseUrl ? await openDatabase({ url: env.databaseUrl }) : undefined;
if (!db) log('no DATABASE_URL: run events are logged here, not stored in a run log');
// With the database, runs are a workspace's: credentials and subgraphs come from it, never from
// this process's environment, and every secret of the workspace is redacted from what runs write.
const scoped = db && scopedRunServices(db, createRunScopes({ db, key: env.credentialsKey }));
if (db && !env.credentialsKey)
  log('no BELUGA_CREDENTIALS_KEY: runs that use credentials fail on this worker');
const running = await startWorker({
  address: env.address,
  namespace: env.namespace,
  taskQueue: env.taskQueue,
  maxConcurrentActivities: env.maxConcurrentActivities,
  maxConcurrentWorkflowTasks: env.maxConcurrentWorkflowTasks,
  shutdownGraceMs: env.shutdownGraceMs,
  registry: createNodeRegistry({
    network: { allowPrivateNetworks: env.allowPrivateNetwork },
    ...(scoped
      ? { resolveCredential: scoped.resolveCredential, resolveGraph: scoped.resolveGraph }
      : { resolveCredential: (name) => env.credential(name) }),
  }),
  ...(scoped ? { redact: scoped.redact } : {}),
  sink: db
    ? createDatabaseEventSink(db)
    : createLogSink((line) => process.stdout.write(`${line}\n`)),
  ...(db ? { loadDocument: createGraphDocumentLoader(db) } : {}),
  ...(workflowSpans ? { workflowSpans } : {}),
});
log('worker started', {
  address: env.address,
  namespace: env.namespace,
  taskQueue: env.taskQueue,
  database: db?.kind ?? 'none',
  tracing: telemetry.exporting ? 'otlp' : 'off',
});

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  log('worker stopping', { signal });
  void running.stop();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

try {
  await running.done;
  log('worker stopped');
} catch (error) {
  logger.error({ error: String(error) }, 'worker failed');
  process.exitCode = 1;
} finally {
  await db?.close();
  await telemetry.shutdown();
}
