import { appRouter, CLIENT_IP_HEADER, type ApiServices, type Auth } from '@beluga/api';
import type { Database } from '@beluga/db';
import type { Logger } from '@beluga/observability';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type Express } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { healthRoutes } from './health.js';
import { httpTracing } from './httpTracing.js';
import { sameOriginWrites } from './sameOrigin.js';
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
  /**
   * The API and its accounts (`/api/auth/*`); without it the server only answers health checks
   * (used by the smoke tests).
   */
  api?: { services: ApiServices; db: Database; auth: Auth };
  /**
   * Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client's address
   * (sign-in rate limits key on it). Default: none, the socket's peer is the client.
   */
  trustProxy?: boolean | number | string;
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

/** The express application: health endpoints, the tRPC API at /trpc, and the web app. */
export function createApp(options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes({ api: options.api, logger: options.logger }));
  const { logger, metrics } = options;
  if (metrics) app.get('/metrics', (req, res) => metrics(req, res));
  // Browser spans come from signed-in pages of this server only.
  const api = options.api;
  app.use('/v1/traces', sameOriginWrites());
  app.use(
    traceProxy({
      ...options.traceProxy,
      ...(api
        ? { authorize: async (request) => (await api.auth.userOf(request.headers)) !== null }
        : {}),
    }),
  );
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  if (options.api) {
    const { services, auth } = options.api;
    // The client's address as express sees it (never as the client claims it), for rate limits.
    app.use('/api/auth', (request, response, next) => {
      request.headers[CLIENT_IP_HEADER] = request.ip ?? request.socket.remoteAddress ?? '';
      next();
    });
    app.use('/api/auth', sameOriginWrites());
    app.all('/api/auth/{*path}', (request, response) => {
      auth.handle(request, response).catch((error: unknown) => {
        logger?.error(
          { error: error instanceof Error ? error.message : String(error) },
          'auth failed',
        );
        if (!response.headersSent) response.status(500).json({ message: 'Internal server error' });
      });
    });
    app.use('/trpc', sameOriginWrites());
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
        createContext: async ({ req }) => services.contextFor(await auth.userOf(req.headers)),
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
