import { createApiServices } from '@beluga/api';
import { openDatabase } from '@beluga/db';
import { join } from 'node:path';
import { createApp } from './app.js';
import { loadEnv } from './env.js';

function log(level: 'info' | 'error', msg: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ level, msg, ...fields }));
}

const env = loadEnv();
// The URL may carry a password: it is used, never logged.
const db = await openDatabase(
  env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: join(env.DATA_DIR, 'pglite') },
);
const services = await createApiServices({
  db,
  instanceId: env.instanceId,
  network: { allowPrivateNetworks: env.BELUGA_ALLOW_PRIVATE_NETWORK },
  limits: { maxGraphNodes: env.MAX_GRAPH_NODES, maxRunningPerUser: env.MAX_RUNNING_PER_USER },
  runLeaseMs: env.BELUGA_RUN_LEASE_MS,
  ...(env.TEMPORAL_ADDRESS
    ? {
        temporal: {
          address: env.TEMPORAL_ADDRESS,
          namespace: env.TEMPORAL_NAMESPACE,
          taskQueue: env.TEMPORAL_TASK_QUEUE,
          worker: env.BELUGA_TEMPORAL_WORKER,
          ...(env.TEMPORAL_UI_URL ? { webUiUrl: env.TEMPORAL_UI_URL } : {}),
        },
      }
    : {}),
  log: (msg, fields) => log('error', msg, fields),
});
if (services.interrupted.length > 0)
  log('info', 'runs interrupted by the last stop', { runs: services.interrupted });

const app = createApp({
  api: { services, db },
  maxBodyBytes: env.MAX_BODY_BYTES,
  ...(env.WEB_DIR ? { webDir: env.WEB_DIR } : {}),
  log,
});
const server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  log('info', 'server listening', {
    url: `http://localhost:${port}`,
    database: db.kind,
    instanceId: env.instanceId,
    temporal: env.TEMPORAL_ADDRESS ? { worker: env.BELUGA_TEMPORAL_WORKER } : 'off',
  });
});

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  log('info', 'shutting down', { signal });
  server.closeAllConnections();
  server.close(() => {
    void services
      .close()
      .then(() => db.close())
      .then(() => process.exit(0));
  });
}
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
