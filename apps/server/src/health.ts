import type { ApiServices } from '@beluga/api';
import type { Database } from '@beluga/db';
import type { Logger } from '@beluga/observability';
import { Router } from 'express';
import { orchestratorHealth, type OrchestratorHealth } from './orchestratorHealth.js';

/** What the health endpoints look at; without `api` the server is up as soon as it answers. */
export interface HealthOptions {
  api?: { services: ApiServices; db: Database };
  logger?: Logger;
}

interface Component {
  /** `degraded`: working, and ready, but worth a look (the orchestrator near its capacity). */
  status: 'ok' | 'degraded' | 'unavailable';
  /** Why it is not ok, in words that name no host, user or password. */
  message?: string;
  kind?: string;
  /** How long the component took to answer the check. */
  latencyMs?: number;
  /** Workers polling the task queue (Temporal). */
  pollers?: number;
  /** False: reported, but the server is ready without it (workers run elsewhere). */
  required?: boolean;
  /** The orchestrator's own verdict, and its checks (capacity, error rate, providers). */
  health?: OrchestratorHealth['status'];
  checks?: OrchestratorHealth['checks'];
}

/**
 * `/healthz` (liveness: restart the process when it fails) and `/readyz` (readiness: send it
 * requests). Liveness answers 503 only when this process's engine is broken (see
 * OrchestratorHealth.alive); an outage of the database, Temporal or a provider's service is
 * readiness's business, and so is nothing about the error rate of users' graphs.
 */
export function healthRoutes(options: HealthOptions): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    void liveness(options).then(({ alive, body }) => {
      res.status(alive ? 200 : 503).json(body);
    });
  });
  router.get('/readyz', (_req, res) => {
    void readiness(options).then(({ ready, components }) => {
      res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', components });
    });
  });
  return router;
}

async function liveness({ api, logger }: HealthOptions) {
  if (!api) return { alive: true, body: { status: 'ok' } };
  const { alive, status, checks } = await orchestratorHealth(api.services.orchestrator, logger);
  return {
    alive,
    body: { status: alive ? 'ok' : 'unavailable', orchestrator: { status, checks } },
  };
}

async function readiness({ api, logger }: HealthOptions) {
  if (!api) return { ready: true, components: {} };
  const { db, services } = api;
  const components: Record<string, Component> = {
    database: await databaseOf(db, logger),
    orchestrator: await orchestratorOf(services, logger),
  };
  if (services.temporal) {
    components.temporal = await temporalOf(services.temporal, logger);
    if (components.temporal.status === 'ok')
      components.workers = await workersOf(services.temporal, logger);
  }
  const ready = Object.values(components).every(
    (component) => component.status !== 'unavailable' || component.required === false,
  );
  return { ready, components };
}

const since = (start: number) => Math.round(performance.now() - start);

async function databaseOf(db: Database, logger: Logger | undefined): Promise<Component> {
  const start = performance.now();
  try {
    await db.ping();
    return { status: 'ok', kind: db.kind, latencyMs: since(start) };
  } catch (error) {
    // The driver's message can name hosts and users: it goes to the log, not to the caller.
    logger?.error({ error: messageOf(error) }, 'database not ready');
    return { status: 'unavailable', kind: db.kind, message: 'The database did not answer' };
  }
}

/** Ready unless the engine cannot run graphs; a high error rate or a busy engine is degraded. */
async function orchestratorOf(
  services: ApiServices,
  logger: Logger | undefined,
): Promise<Component> {
  const { ready, status, checks } = await orchestratorHealth(services.orchestrator, logger);
  if (!ready)
    return {
      status: 'unavailable',
      message: 'The engine cannot run graphs',
      health: status,
      checks,
    };
  return { status: status === 'healthy' ? 'ok' : 'degraded', health: status, checks };
}

type Temporal = NonNullable<ApiServices['temporal']>;

async function temporalOf(temporal: Temporal, logger: Logger | undefined): Promise<Component> {
  const start = performance.now();
  const health = await temporal.check();
  if (health.status === 'healthy') return { status: 'ok', latencyMs: since(start) };
  logger?.error({ error: health.message }, 'temporal not ready');
  return { status: 'unavailable', message: 'Temporal did not answer' };
}

/**
 * Whether workers poll the Temporal task queue: required when this server runs its own worker,
 * reported otherwise (separate worker processes may come and go; local runs go on).
 */
async function workersOf(temporal: Temporal, logger: Logger | undefined): Promise<Component> {
  try {
    const { pollers, required } = await temporal.workers();
    if (pollers > 0) return { status: 'ok', pollers, required };
    const message = 'No worker polls the task queue';
    return { status: 'unavailable', message, pollers, required };
  } catch (error) {
    logger?.error({ error: messageOf(error) }, 'workers not known');
    const message = 'The task queue could not be described';
    return { status: 'unavailable', message, required: false };
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
