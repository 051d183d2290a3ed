import { appRouter, type ApiServices } from '@beluga/api';
import type { Database } from '@beluga/db';
import type { Logger } from '@beluga/observability';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type Express } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpTracing } from './httpTracing.js';
import { traceProxy, type TraceProxyOptions } from './traceProxy.js';

const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Beluga Orchestration</title>
    <style>
      body { font-family: system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; }
      main { max-width: 36rem; padding: 2rem; }
    </style>
  </head>
  <body>
    <main>
      <h1>Beluga Orchestration</h1>
      <p id="status">Checking the server…</p>
    </main>
    <script type="module">
      const status = document.getElementById('status');
      try {
        const response = await fetch('/healthz');
        const body = await response.json();
        status.textContent = 'Server status: ' + body.status;
      } catch (error) {
        status.textContent = 'Server unreachable';
      }
    </script>
  </body>
</html>`;

export interface AppOptions {
  /** The API; without it the server only answers health checks (used by the smoke tests). */
  api?: { services: ApiServices; db: Database };
  /** Largest request body tRPC reads, in bytes. */
  maxBodyBytes?: number;
  /** The built web app; the placeholder page when absent. */
  webDir?: string;
  /** The process's JSON log (an access line per API request, errors). */
  logger?: Logger;
  /** Answers `GET /metrics` (Prometheus text format); no such route without it. */
  metrics?: (request: IncomingMessage, response: ServerResponse) => void;
  /** Where browser spans posted to `/v1/traces` go (see traceProxy); dropped without it. */
  traceProxy?: TraceProxyOptions;
}

/** Until accounts exist (issue 7), every caller is the one local user. */
const LOCAL_USER = { id: 'local' };

/** The express application: health endpoints, the tRPC API at /trpc, and the web app. */
export function createApp(options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    void readiness(options.api, options.logger).then(({ ready, components }) => {
      res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', components });
    });
  });
  const { logger, metrics } = options;
  if (metrics) app.get('/metrics', (req, res) => metrics(req, res));
  app.use(traceProxy(options.traceProxy ?? {}));
  if (options.api) {
    const { services } = options.api;
    app.use(
      '/trpc',
      httpTracing({
        onDone: (request, fields) =>
          logger?.info(
            { method: request.method, path: request.originalUrl.split('?')[0], ...fields },
            'request',
          ),
      }),
    );
    app.use(
      '/trpc',
      createExpressMiddleware({
        router: appRouter,
        createContext: () => services.contextFor(LOCAL_USER),
        maxBodySize: options.maxBodyBytes ?? 12 * 1024 * 1024,
        onError: ({ error, path }) => {
          if (error.code === 'INTERNAL_SERVER_ERROR')
            logger?.error(
              { path, error: error.cause?.message ?? error.message },
              'procedure failed',
            );
        },
      }),
    );
  }
  if (options.webDir) app.use(express.static(options.webDir, { index: 'index.html' }));
  else
    app.get('/', (_req, res) => {
      res.type('html').send(PLACEHOLDER_PAGE);
    });
  return app;
}

interface Component {
  status: 'ok' | 'unavailable';
  kind?: string;
  /** Workers polling the task queue (Temporal). */
  pollers?: number;
  /** False: reported, but the server is ready without it (workers run elsewhere). */
  required?: boolean;
}

/**
 * Whether workers poll the Temporal task queue: required when this server runs its own worker,
 * reported otherwise (separate worker processes may come and go; local runs go on).
 */
async function workersOf(
  temporal: NonNullable<ApiServices['temporal']>,
  logger: Logger | undefined,
): Promise<Component> {
  try {
    const { pollers, required } = await temporal.workers();
    return { status: pollers > 0 ? 'ok' : 'unavailable', pollers, required };
  } catch (error) {
    logger?.error(
      { error: error instanceof Error ? error.message : String(error) },
      'workers not known',
    );
    return { status: 'unavailable', required: false };
  }
}

async function readiness(api: AppOptions['api'], logger: Logger | undefined) {
  if (!api) return { ready: true, components: {} };
  const { db, services } = api;
  const components: Record<string, Component> = {};
  try {
    await db.ping();
    components.database = { status: 'ok', kind: db.kind };
  } catch (error) {
    // The driver's message can name hosts and users: it goes to the log, not to the caller.
    const message = error instanceof Error ? error.message : String(error);
    logger?.error({ error: message }, 'database not ready');
    components.database = { status: 'unavailable', kind: db.kind };
  }
  if (services.temporal) {
    const health = await services.temporal.check();
    if (health.status !== 'healthy') logger?.error({ error: health.message }, 'temporal not ready');
    components.temporal = { status: health.status === 'healthy' ? 'ok' : 'unavailable' };
    if (health.status === 'healthy')
      components.workers = await workersOf(services.temporal, logger);
  }
  const ready = Object.values(components).every(
    (component) => component.status === 'ok' || component.required === false,
  );
  return { ready, components };
}
