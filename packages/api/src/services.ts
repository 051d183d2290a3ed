import type { Database } from '@beluga/db';
import {
  createApprovalBroker,
  createNodeRegistry,
  type NetworkPolicy,
  type NodeRegistry,
} from '@beluga/nodes';
import { DEFAULT_LIMITS, type ApiContext, type ApiLimits, type ApiUser } from './context.js';
import { RunNotifications } from './runs/runEventStream.js';
import { createApiMetrics, recordNodeDurations, type TraceReader } from './telemetry.js';
import { RunService, type TemporalRuns } from './runs/runService.js';
import { createDatabaseEventSink } from './runs/databaseEventSink.js';
import { createGraphDocumentLoader } from './runs/graphRef.js';
import { createRunOrchestrator } from './runs/runOrchestrator.js';
import { CREDENTIALS_KEY_BYTES } from './credentials/credentialsKey.js';
import { createCredentialVault } from './credentials/credentialVault.js';
import { createRunScopes } from './credentials/runScopes.js';
import { scopedRunServices } from './credentials/scopedRunServices.js';
import { randomBytes } from 'node:crypto';
import {
  toError,
  type HealthCheckResult,
  type HealthReport,
  type RunEvent,
} from '@beluga/orchestration';
import {
  clientTracingInterceptors,
  createGraphWorker,
  createGraphWorkflow,
  DEFAULT_TASK_QUEUE,
  type RunRedaction,
  type WorkflowSpanExport,
} from '@beluga/temporal';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

export interface ApiServicesOptions {
  db: Database;
  instanceId: string;
  network?: NetworkPolicy;
  limits?: Partial<ApiLimits>;
  log?: (message: string, fields: Record<string, unknown>) => void;
  /** Recent traces, for runs.trace (the run panel's waterfall). */
  traces?: TraceReader;
  /** Info lines about runs (see RunServiceOptions.info). */
  info?: (message: string, fields: Record<string, unknown>) => void;
  /** See RunServiceOptions.leaseMs. */
  runLeaseMs?: number;
  /**
   * Local runs this process executes at once, whoever started them; one more is refused
   * (SERVER_BUSY). From 90% of it the orchestrator's health is degraded. Default 1,000.
   */
  maxActiveRuns?: number;
  /** Runs on Temporal too (the `temporal` executor). */
  temporal?: ApiTemporalOptions;
  /**
   * The key credentials are sealed with (loadCredentialsKey: BELUGA_CREDENTIALS_KEY or the key
   * file). Default: a random key of this process only, whose credentials no restart can read
   * (tests).
   */
  credentialsKey?: Buffer;
}

export interface ApiTemporalOptions {
  /** The Temporal frontend, `host:port`. */
  address: string;
  namespace?: string;
  /** Default `beluga`, the workers' default. */
  taskQueue?: string;
  /** Also run a worker in this process (single machine); otherwise `apps/worker` processes do. */
  worker?: boolean;
  /** The Temporal Web UI's address, for links from runs (e.g. `http://localhost:8233`). */
  webUiUrl?: string;
  /** Where the in-process worker's workflow spans go (the process's span processor). */
  workflowSpans?: WorkflowSpanExport;
}

/** The long-lived services of one server process; `contextFor(user)` makes each call's context. */
export interface ApiServices {
  /** The context of one call by `user` (null: not signed in). */
  contextFor(user: ApiUser | null): ApiContext;
  /** Runs interrupted by this instance's last stop, now marked so. */
  interrupted: string[];
  /** The engine's health over this process's local runs: capacity, error rate (/healthz, /readyz). */
  orchestrator: { check(): Promise<HealthReport> };
  /** Temporal's health, when the server is configured with it (for /readyz). */
  temporal?: {
    check(): Promise<HealthCheckResult>;
    /** Workers polling the task queue now; `required` when this server runs one itself. */
    workers(): Promise<{ pollers: number; required: boolean }>;
  };
  close(): Promise<void>;
}

/**
 * Wires the API: the node registry (subgraphs load saved graphs by id), the approval broker, the
 * run service and the run-event notifications; marks the runs a crash left running.
 */
export async function createApiServices(options: ApiServicesOptions): Promise<ApiServices> {
  const { db } = options;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? (() => undefined);
  const approvals = createApprovalBroker();
  const credentialsKey = options.credentialsKey ?? randomBytes(CREDENTIALS_KEY_BYTES);
  // One registry for every run: its resolvers answer from the asking run's workspace.
  const scopes = createRunScopes({ db, key: credentialsKey });
  const scoped = scopedRunServices(db, scopes);
  const registry = createNodeRegistry({
    approvals,
    network: options.network ?? { allowPrivateNetworks: false },
    resolveCredential: scoped.resolveCredential,
    resolveGraph: scoped.resolveGraph,
  });
  const metrics = createApiMetrics();
  const notifications = new RunNotifications(db, {
    onPublished: (_runId, batch) => recordNodeDurations(metrics, batch),
  });
  await notifications.open();
  const temporal = options.temporal
    ? await connectTemporal(options.temporal, {
        db,
        registry,
        publish: (runId, events) => notifications.publish(runId, events),
        log,
        redact: scoped.redact,
      })
    : undefined;
  const orchestrator = createRunOrchestrator(
    options.maxActiveRuns === undefined ? {} : { maxActiveRuns: options.maxActiveRuns },
  );
  const runs = new RunService({
    db,
    registry,
    orchestrator,
    approvals,
    instanceId: options.instanceId,
    limits,
    log,
    notifications,
    scopes,
    ...(options.info ? { info: options.info } : {}),
    ...(options.runLeaseMs === undefined ? {} : { leaseMs: options.runLeaseMs }),
    ...(temporal ? { temporal: temporal.runs } : {}),
  });
  const interrupted = await runs.open();
  const vault = createCredentialVault(credentialsKey);
  return {
    interrupted,
    orchestrator: { check: () => orchestrator.check() },
    ...(temporal
      ? { temporal: { check: () => temporal.runs.workflow.check(), workers: temporal.workers } }
      : {}),
    contextFor: (user) => ({
      db,
      registry,
      runs,
      notifications,
      limits,
      metrics,
      user,
      vault,
      audit: async (entry) => {
        if (!user) return;
        await db.audit.append({ ...entry, actorId: user.id, details: entry.details ?? null });
      },
      ...(options.traces ? { traces: options.traces } : {}),
    }),
    close: async () => {
      await runs.close();
      await temporal?.close();
      await notifications.close();
    },
  };
}

/** Temporal's TASK_QUEUE_TYPE_WORKFLOW: the queue graph workflows are polled on. */
const WORKFLOW_TASK_QUEUE = 1;

/**
 * Connects the in-process worker, waiting up to a minute for a Temporal that starts alongside
 * this server (a dev server or a cluster coming up at the same time), then giving up.
 */
async function connectWorker(
  address: string,
  log: TemporalWiring['log'],
): Promise<NativeConnection> {
  const deadline = Date.now() + 60_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await NativeConnection.connect({ address });
    } catch (error) {
      if (Date.now() > deadline) throw error;
      if (attempt === 1) log('waiting for Temporal', { address, error: toError(error).message });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

interface TemporalWiring {
  db: Database;
  registry: NodeRegistry;
  publish: (runId: string, events: readonly RunEvent[]) => void;
  log: (message: string, fields: Record<string, unknown>) => void;
  redact: RunRedaction;
}

/**
 * The Temporal side of the server: a lazy client (the server starts, and runs locally, while
 * Temporal is down; the run dialog offers Temporal only once it answers), the database event
 * sink, and an in-process worker when asked.
 */
async function connectTemporal(options: ApiTemporalOptions, wiring: TemporalWiring) {
  const namespace = options.namespace ?? 'default';
  const taskQueue = options.taskQueue ?? DEFAULT_TASK_QUEUE;
  const connection = Connection.lazy({ address: options.address });
  // Tracing: a run's trace goes on from the API call into the workflow and its activities.
  const client = new Client({ connection, namespace, interceptors: clientTracingInterceptors() });
  const workflow = createGraphWorkflow(client, { taskQueue });
  const sink = createDatabaseEventSink(wiring.db, { publish: wiring.publish });
  let worker: { stop: () => Promise<void> } | undefined;
  if (options.worker) {
    // The worker connects now: asking for one that cannot start is a configuration error.
    const native = await connectWorker(options.address, wiring.log);
    const running = await createGraphWorker({
      connection: native,
      namespace,
      taskQueue,
      registry: wiring.registry,
      sink,
      loadDocument: createGraphDocumentLoader(wiring.db),
      redact: wiring.redact,
      ...(options.workflowSpans ? { workflowSpans: options.workflowSpans } : {}),
    });
    const done = running.run().catch((error: unknown) => {
      wiring.log('the in-process Temporal worker stopped', { error: toError(error).message });
    });
    worker = {
      stop: async () => {
        if (running.getState() === 'RUNNING') running.shutdown();
        await done;
        await native.close();
      },
    };
  }
  const runs: TemporalRuns = {
    workflow,
    sink,
    available: async () => (await workflow.check()).status === 'healthy',
    ...(options.webUiUrl ? { webUi: { url: options.webUiUrl, namespace } } : {}),
    describe: async (workflowId) => {
      try {
        const described = await client.workflow.getHandle(workflowId).describe();
        const closedAt = described.closeTime?.getTime();
        return { status: described.status.name, ...(closedAt === undefined ? {} : { closedAt }) };
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return undefined;
        throw error;
      }
    },
  };
  // Workers that polled the task queue lately, as Temporal reports them (this process's too).
  const workers = async () => {
    const described = await connection.withDeadline(Date.now() + 3000, () =>
      client.workflowService.describeTaskQueue({
        namespace,
        taskQueue: { name: taskQueue },
        taskQueueType: WORKFLOW_TASK_QUEUE,
      }),
    );
    return { pollers: described.pollers?.length ?? 0, required: options.worker === true };
  };
  return {
    runs,
    workers,
    close: async () => {
      await worker?.stop();
      await connection.close();
    },
  };
}
