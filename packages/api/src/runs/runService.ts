import { staleRunError, type Database, type RunRecord } from '@beluga/db';
import { compile, type GraphDocument } from '@beluga/graph';
import type { ApprovalBroker, ApprovalDecision, NodeRegistry } from '@beluga/nodes';
import {
  isOrchestratorError,
  OrchestratorError,
  previewOf,
  toError,
  type Orchestrator,
  type RunEvent,
  type Workflow,
} from '@beluga/orchestration';
import {
  APPROVE_SIGNAL,
  REJECT_SIGNAL,
  STATE_QUERY,
  type ApprovalSignal,
  type GraphRunState,
  type GraphWorkflowInput,
} from '@beluga/temporal';
import { randomUUID } from 'node:crypto';
import type { ApiLimits, ApiUser } from '../context.js';
import { apiError, notFound } from '../errors.js';
import type { KeyedRunEventSink } from './databaseEventSink.js';
import { graphRefOf } from './graphRef.js';
import type { KeyedRunEvent } from '@beluga/db';
import type { RunNotifications } from './runEventStream.js';
import { EventWriter, RUN_EVENTS_CHANNEL } from './eventWriter.js';
import type { RunScope, RunScopes } from '../credentials/runScopes.js';

/** Cancel requests travel here, so the server process that runs a run can stop it. */
export const RUN_CONTROL_CHANNEL = 'beluga_run_control';

export interface RunServiceOptions {
  db: Database;
  registry: NodeRegistry;
  approvals: ApprovalBroker;
  /** Stable across restarts of the same server, so its interrupted runs are found again. */
  instanceId: string;
  limits: ApiLimits;
  log: (message: string, fields: Record<string, unknown>) => void;
  /** Info lines (a run started, finished), written inside the run's trace. */
  info?: (message: string, fields: Record<string, unknown>) => void;
  /** This process's event streams: stored batches go to them directly. */
  notifications?: RunNotifications;
  /**
   * How long a run's owner may stay silent before any server marks the run interrupted (its
   * server died and never came back). Heartbeats go out every third of it. Default 30 s.
   */
  leaseMs?: number;
  /** How long cancel() waits for a run on another server process to stop. Default 10 s. */
  cancelWaitMs?: number;
  /** Runs on Temporal, when the server is configured with a Temporal address. */
  temporal?: TemporalRuns;
  /**
   * The scopes of local runs (their workspace's credentials, redacted from all they write);
   * without it runs write what their nodes give.
   */
  scopes?: RunScopes;
  /**
   * Makes the graphs of local runs, counting them (see createRunOrchestrator); local runs beyond
   * its `maxConcurrentExecutions` are refused. Without it, graphs are made uncounted.
   */
  orchestrator?: Orchestrator;
}

/** What the run service needs of Temporal: the graph workflow, and where to write run events. */
export interface TemporalRuns {
  workflow: Workflow<GraphWorkflowInput, unknown>;
  /** The database sink the workers write to (createDatabaseEventSink), for the server's own events. */
  sink: KeyedRunEventSink;
  /** Whether Temporal answers now (the run dialog offers it only then). */
  available(): Promise<boolean>;
  /** The Temporal Web UI (e.g. http://localhost:8233) and namespace, for links to runs. */
  webUi?: { url: string; namespace: string };
  /** The workflow's status as Temporal tells it; undefined when Temporal has no such workflow. */
  describe(workflowId: string): Promise<{ status: string; closedAt?: number } | undefined>;
}

/** How many compiled graph versions a server keeps. */
const PREPARED_GRAPHS = 200;

interface PreparedGraph {
  version: number;
  document: GraphDocument;
  executable: ReturnType<typeof compile>;
}

/** The Temporal workflow id of a run: stable, so a run is never started twice. */
export const workflowIdOf = (runId: string): string => `beluga-run-${runId}`;

export const DEFAULT_RUN_LEASE_MS = 30_000;

interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
  startedBy: string;
}

export interface StartRunInput {
  /** The graph's workspace, which the run belongs to. */
  workspaceId: string;
  graphId: string;
  version?: number;
  input: unknown;
  executor: 'local' | 'temporal';
}

/** Starts, tracks, cancels and recovers the runs of this server process (local executor). */
export class RunService {
  private readonly active = new Map<string, ActiveRun>();
  private unlisten: (() => Promise<void>) | undefined;
  private leaseTimer: NodeJS.Timeout | undefined;
  /** Compiled saved versions, least recently started first (see prepare()). */
  private readonly prepared = new Map<string, PreparedGraph>();
  private leaseWork: Promise<void> = Promise.resolve();

  /** One writer for every run of this process: concurrent runs share their inserts. */
  private readonly writer: EventWriter;

  constructor(private readonly options: RunServiceOptions) {
    const { db, log, notifications } = options;
    this.writer = new EventWriter(db, {
      onError: (error) => log('run events could not be stored', { error: toError(error).message }),
      ...(notifications ? { onStored: (runId, batch) => notifications.publish(runId, batch) } : {}),
    });
  }

  /** Marks the runs this instance left running when it stopped, and listens for cancel requests. */
  async open(): Promise<string[]> {
    const { db } = this.options;
    this.unlisten = await db.notifier.listen(RUN_CONTROL_CHANNEL, (payload) => {
      const active = this.active.get(payload);
      active?.controller.abort(cancelledByUser());
    });
    const interrupted = await db.runs.markInterrupted(this.options.instanceId);
    for (const runId of interrupted) await this.appendInterrupted(runId, INTERRUPTED_MESSAGE);
    await this.sweepStale();
    const leaseMs = this.leaseMs();
    this.leaseTimer = setInterval(() => {
      this.leaseWork = this.leaseWork.then(() => this.renewLeases());
    }, leaseMs / 3);
    this.leaseTimer.unref();
    return interrupted;
  }

  private leaseMs(): number {
    return this.options.leaseMs ?? DEFAULT_RUN_LEASE_MS;
  }

  /**
   * One heartbeat for every run of this process, then a sweep for runs whose server went silent.
   * A run of ours that the heartbeat no longer finds was taken by another server's sweep (this
   * process stalled past its lease): it stops here too, so it never runs twice.
   */
  private async renewLeases(): Promise<void> {
    const { db, instanceId, log } = this.options;
    try {
      // Only runs already stored before the heartbeat can be missing from its answer.
      const ours = [...this.active.keys()];
      const renewed = new Set(await db.runs.heartbeat(instanceId));
      for (const runId of ours) {
        if (renewed.has(runId)) continue;
        this.active.get(runId)?.controller.abort(
          new OrchestratorError({
            code: 'CANCELLED',
            op: 'run.lease',
            message: 'This server lost the run: another server marked it interrupted',
          }),
        );
      }
      await this.sweepStale();
      await this.reconcileTemporal();
    } catch (error) {
      log('run leases could not be renewed', { error: toError(error).message });
    }
  }

  /**
   * Temporal runs whose workflow closed without its final event reaching the log (terminated
   * from Temporal's own UI or CLI, or an event lost with a worker) are ended here from what
   * Temporal says, one lease after the close, so the workflow's own event wins when it comes.
   */
  private async reconcileTemporal(): Promise<void> {
    const { db, log, temporal } = this.options;
    if (!temporal) return;
    const leaseMs = this.leaseMs();
    for (const run of await db.runs.listRunning('temporal')) {
      const workflowId = run.workflowId ?? workflowIdOf(run.id);
      let described: Awaited<ReturnType<TemporalRuns['describe']>>;
      try {
        described = await temporal.describe(workflowId);
      } catch {
        return; // Temporal does not answer: nothing to learn now.
      }
      const closedFor = described?.closedAt === undefined ? 0 : Date.now() - described.closedAt;
      const lost = described === undefined && Date.now() - run.createdAt.getTime() > leaseMs;
      if (!lost && closedFor < leaseMs) continue;
      const event = await closingEvent(run, described?.status, () =>
        temporal.workflow.getResult(workflowId),
      );
      log('a Temporal run closed without its final event; ended from Temporal', {
        runId: run.id,
        status: described?.status ?? 'NOT_FOUND',
      });
      await temporal.sink.append(run.id, [event]);
    }
  }

  private async sweepStale(): Promise<void> {
    const leaseMs = this.leaseMs();
    const taken = await this.options.db.runs.interruptStale(leaseMs);
    for (const runId of taken) {
      this.options.log('a run whose server stopped answering was interrupted', { runId });
      await this.appendInterrupted(runId, staleRunError(leaseMs).message);
    }
  }

  /** The executors a run may start on now: `local` always, `temporal` when it answers. */
  async executors(): Promise<('local' | 'temporal')[]> {
    const { temporal } = this.options;
    return temporal && (await temporal.available()) ? ['local', 'temporal'] : ['local'];
  }

  async start(user: ApiUser, request: StartRunInput): Promise<RunRecord> {
    const { db, limits } = this.options;
    if (request.executor === 'temporal' && !this.options.temporal) {
      throw apiError({
        code: 'PRECONDITION_FAILED',
        errorCode: 'EXECUTOR_UNAVAILABLE',
        message: `The "${request.executor}" executor is not configured on this server`,
        field: 'executor',
      });
    }
    const graph = await this.prepare(request.graphId, request.version);
    const running = await db.runs.countRunning(user.id);
    if (running >= limits.maxRunningPerUser) {
      throw apiError({
        code: 'TOO_MANY_REQUESTS',
        errorCode: 'RUN_LIMIT',
        message: `You already have ${running} runs running; the limit is ${limits.maxRunningPerUser}`,
      });
    }
    if (request.executor === 'local') this.ensureCapacity();
    const { executable } = graph;
    const run = await db.runs.create({
      id: randomUUID(),
      workspaceId: request.workspaceId,
      graphId: request.graphId,
      graphVersion: graph.version,
      graphName: graph.document.name,
      executor: request.executor,
      input: request.input ?? null,
      startedBy: user.id,
      instanceId: this.options.instanceId,
    });
    this.options.info?.('run started', {
      runId: run.id,
      graphId: run.graphId,
      executor: run.executor,
    });
    if (request.executor === 'temporal') return this.startOnTemporal(run, request.input ?? null);
    this.execute(run, executable, request.input ?? null);
    return run;
  }

  /**
   * Starts the graph workflow for a stored run; its workers write the run's events. When
   * Temporal refuses, the run ends failed (with its reason as the final event) and the caller
   * gets EXECUTOR_UNAVAILABLE.
   */
  private async startOnTemporal(run: RunRecord, input: unknown): Promise<RunRecord> {
    const temporal = this.options.temporal as TemporalRuns;
    try {
      const ids = await temporal.workflow.execute(
        // By reference: the saved version's document stays out of the workflow's history.
        { documentRef: graphRefOf(run.graphId, run.graphVersion), input, runId: run.id },
        { workflowId: workflowIdOf(run.id) },
      );
      await this.options.db.runs.setWorkflow(run.id, {
        workflowId: ids.workflowId,
        workflowRunId: ids.runId,
      });
      return { ...run, workflowId: ids.workflowId, workflowRunId: ids.runId };
    } catch (error) {
      const message = `Temporal did not start the run: ${toError(error).message}`;
      await temporal.sink.append(run.id, [
        {
          type: 'run.failed',
          runId: run.id,
          ts: Date.now(),
          error: { code: 'EXECUTOR_UNAVAILABLE', message, retryable: true },
          key: 'server:start-failed',
        },
      ]);
      throw apiError({
        code: 'PRECONDITION_FAILED',
        errorCode: 'EXECUTOR_UNAVAILABLE',
        message,
        field: 'executor',
      });
    }
  }

  /**
   * The saved version a run executes, compiled. Versions never change, so the compiled graph of
   * the last few hundred is kept: starting the same graph again costs one small query (does it
   * still exist, which version is current) instead of reading and compiling its document.
   */
  private async prepare(graphId: string, version: number | undefined): Promise<PreparedGraph> {
    const { graphs } = this.options.db;
    const current = await graphs.currentVersion(graphId);
    if (current === undefined) throw notFound('Graph', graphId);
    const wanted = version ?? current;
    const key = `${graphId}@${wanted}`;
    const cached = this.prepared.get(key);
    if (cached) {
      this.prepared.delete(key);
      this.prepared.set(key, cached);
      return cached;
    }
    const found = wanted <= current ? await graphs.getVersion(graphId, wanted) : undefined;
    if (!found) throw notFound(`Version ${wanted} of graph`, graphId);
    const prepared = {
      version: wanted,
      document: found.document,
      executable: this.compile(found.document),
    };
    this.prepared.set(key, prepared);
    if (this.prepared.size > PREPARED_GRAPHS) {
      const oldest = this.prepared.keys().next().value as string;
      this.prepared.delete(oldest);
    }
    return prepared;
  }

  /**
   * A local run past the orchestrator's limit would be stored, then fail at once: it is refused
   * before, as the per-user limit is. (Starts racing for the last slot may still end that way.)
   */
  private ensureCapacity(): void {
    const { orchestrator } = this.options;
    if (!orchestrator) return;
    const { activeGraphs } = orchestrator.getMetrics();
    if (activeGraphs < orchestrator.config.maxConcurrentExecutions) return;
    throw apiError({
      code: 'TOO_MANY_REQUESTS',
      errorCode: 'SERVER_BUSY',
      message: `This server is running ${activeGraphs} runs, as many as it takes at once; try again when one has ended`,
    });
  }

  private compile(document: GraphDocument) {
    const { orchestrator, registry } = this.options;
    try {
      return compile(
        document,
        registry,
        orchestrator ? { createGraph: (options) => orchestrator.createGraph(options) } : {},
      );
    } catch (error) {
      if (isOrchestratorError(error) && error.code === 'VALIDATION_FAILED') {
        throw apiError({
          code: 'BAD_REQUEST',
          errorCode: 'INVALID_GRAPH',
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        });
      }
      throw error;
    }
  }

  private execute(run: RunRecord, graph: ReturnType<typeof compile>, input: unknown): void {
    const { db, log, scopes } = this.options;
    const controller = new AbortController();
    const writer = this.writer;
    // Every event, output and error of the run passes its scope's redactor before it is written.
    let scope: RunScope | undefined;
    const redact = <T>(value: T): T => (scope ? scope.redact(value) : value);
    const finish = async (
      status: 'succeeded' | 'failed' | 'cancelled',
      fields: { output?: unknown; error?: { code: string; message: string } },
    ) => {
      await writer.close(run.id, async (events) => {
        await db.runs.finish(run.id, { status, ...redact(fields), events });
      });
      this.options.info?.('run finished', { runId: run.id, status });
    };
    const done = Promise.resolve(scopes?.open(run))
      .then((opened) => {
        scope = opened;
        return graph.invoke(input, {
          runId: run.id,
          signal: controller.signal,
          onEvent: (event) => writer.write(redact(event)),
        });
      })
      .then(
        (output) => finish('succeeded', { output: output ?? null }),
        (caught: unknown) => {
          const error = toError(caught);
          const code = isOrchestratorError(error) ? error.code : 'EXECUTION_FAILED';
          return finish(code === 'CANCELLED' ? 'cancelled' : 'failed', {
            error: { code, message: error.message },
          });
        },
      )
      .catch((error: unknown) =>
        log('a run could not be finished', { runId: run.id, error: toError(error).message }),
      )
      .finally(() => {
        this.active.delete(run.id);
        scopes?.close(run.id);
      });
    this.active.set(run.id, { controller, done, startedBy: run.startedBy });
  }

  /** Cancels a run wherever it runs; resolves once this process's run has stopped. */
  async cancel(runId: string): Promise<RunRecord> {
    const run = await this.options.db.runs.get(runId);
    if (!run) throw notFound('Run', runId);
    if (run.status !== 'running') {
      throw apiError({
        code: 'CONFLICT',
        errorCode: 'RUN_FINISHED',
        message: `Run "${runId}" already ${run.status}`,
      });
    }
    if (run.executor === 'temporal') {
      const { workflow } = this.temporalFor(run);
      return this.untilEnded(runId, () => workflow.cancel(run.workflowId ?? workflowIdOf(runId)));
    }
    const active = this.active.get(runId);
    if (active) {
      active.controller.abort(cancelledByUser());
      await active.done;
      return (await this.options.db.runs.get(runId)) as RunRecord;
    }
    // Another server process runs it: ask it over the database.
    return this.untilEnded(runId, () =>
      this.options.db.notifier.notify(RUN_CONTROL_CHANNEL, runId),
    );
  }

  /**
   * Stops a Temporal run at once (no cleanup runs in the workflow) and records it `cancelled`;
   * a local run has no harder stop than cancel, which it gets.
   */
  async terminate(runId: string, by: string): Promise<RunRecord> {
    const run = await this.options.db.runs.get(runId);
    if (!run) throw notFound('Run', runId);
    if (run.executor !== 'temporal' || run.status !== 'running') return this.cancel(runId);
    const temporal = this.temporalFor(run);
    const message = `Terminated by ${by}`;
    await temporal.workflow.terminate(run.workflowId ?? workflowIdOf(runId), message);
    await temporal.sink.append(runId, [
      {
        type: 'run.cancelled',
        runId,
        ts: Date.now(),
        error: { code: 'CANCELLED', message, retryable: false },
        key: 'server:terminated',
      },
    ]);
    return (await this.options.db.runs.get(runId)) as RunRecord;
  }

  /** Where a Temporal run's workflow shows in the Temporal Web UI; null when unknown. */
  temporalUrl(run: RunRecord): string | null {
    const webUi = this.options.temporal?.webUi;
    if (!webUi || run.executor !== 'temporal' || !run.workflowId) return null;
    const base = webUi.url.replace(/\/+$/, '');
    const path = [
      'namespaces',
      webUi.namespace,
      'workflows',
      run.workflowId,
      ...(run.workflowRunId ? [run.workflowRunId] : []),
      'history',
    ].map(encodeURIComponent);
    return `${base}/${path.join('/')}`;
  }

  private temporalFor(run: RunRecord): TemporalRuns {
    if (this.options.temporal) return this.options.temporal;
    throw apiError({
      code: 'PRECONDITION_FAILED',
      errorCode: 'EXECUTOR_UNAVAILABLE',
      message: `Run "${run.id}" runs on Temporal, which this server is not configured for`,
    });
  }

  /**
   * Sends a stop request (`request`) and waits, a bounded time, until the run's final status is
   * stored: the caller sees `cancelled`, not a run still saying `running`.
   */
  private async untilEnded(runId: string, request: () => Promise<void>): Promise<RunRecord> {
    const { db } = this.options;
    let wake = () => {};
    const unlisten = await db.notifier.listen(RUN_EVENTS_CHANNEL, (payload) => {
      if (payload.startsWith(`${runId}:`)) wake();
    });
    const deadline = Date.now() + (this.options.cancelWaitMs ?? 10_000);
    try {
      await request();
      for (;;) {
        const woken = new Promise<void>((resolve) => (wake = resolve));
        const run = (await db.runs.get(runId)) as RunRecord;
        const left = deadline - Date.now();
        if (run.status !== 'running' || left <= 0) return run;
        // Every stored batch of the run wakes this; the timer bounds the wait if none comes.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([woken, new Promise((resolve) => (timer = setTimeout(resolve, left)))]);
        clearTimeout(timer);
      }
    } finally {
      await unlisten();
    }
  }

  /** Approves or rejects a waiting approval node of a run of this process. */
  async decide(runId: string, nodeId: string, decision: ApprovalDecision): Promise<void> {
    const run = await this.options.db.runs.get(runId);
    if (!run) throw notFound('Run', runId);
    if (run.executor === 'temporal') return this.decideOnTemporal(run, nodeId, decision);
    if (run.status === 'running' && !this.active.has(runId)) {
      throw apiError({
        code: 'CONFLICT',
        errorCode: 'RUN_ELSEWHERE',
        message: `Run "${runId}" runs on another server process (${run.instanceId}); approve it there`,
      });
    }
    this.options.approvals.decide(runId, nodeId, decision);
  }

  /** A Temporal run's approval is a signal; the workflow's state says whether the node waits. */
  private async decideOnTemporal(
    run: RunRecord,
    nodeId: string,
    decision: ApprovalDecision,
  ): Promise<void> {
    const { workflow } = this.temporalFor(run);
    const workflowId = run.workflowId ?? workflowIdOf(run.id);
    if (run.status !== 'running') {
      throw apiError({
        code: 'CONFLICT',
        errorCode: 'RUN_FINISHED',
        message: `Run "${run.id}" already ${run.status}`,
      });
    }
    const state = await workflow.query<GraphRunState>(workflowId, STATE_QUERY);
    const node = state.nodes.find((candidate) => candidate.nodeId === nodeId);
    if (!node) throw notFound('Node', nodeId);
    if (node.status !== 'waiting') {
      throw apiError({
        code: 'CONFLICT',
        errorCode: 'NOT_WAITING',
        message: `Node "${nodeId}" of run "${run.id}" is not waiting for a decision (it is ${node.status})`,
        field: 'nodeId',
      });
    }
    const signal: ApprovalSignal = {
      nodeId,
      ...(decision.comment ? { comment: decision.comment } : {}),
      ...(decision.by ? { by: decision.by } : {}),
    };
    await workflow.signal(
      workflowId,
      decision.decision === 'approved' ? APPROVE_SIGNAL : REJECT_SIGNAL,
      signal,
    );
  }

  /** Approvals waiting in this process for a run. */
  pendingApprovals(runId: string) {
    return this.options.approvals.pending(runId);
  }

  /** Stops every run of this process; they end cancelled (a restart would mark them interrupted). */
  async close(): Promise<void> {
    clearInterval(this.leaseTimer);
    await this.leaseWork;
    for (const active of this.active.values())
      active.controller.abort(
        new OrchestratorError({
          code: 'CANCELLED',
          op: 'server.shutdown',
          message: 'The server is shutting down',
        }),
      );
    await Promise.all([...this.active.values()].map((active) => active.done));
    await this.unlisten?.();
  }

  private async appendInterrupted(runId: string, message: string): Promise<void> {
    const { db } = this.options;
    const event: RunEvent = {
      type: 'run.failed',
      runId,
      seq: (await db.events.lastSeq(runId)) + 1,
      ts: Date.now(),
      error: { code: 'INTERRUPTED', message, retryable: false },
    };
    await db.events.append([event]);
    await db.notifier.notify(RUN_EVENTS_CHANNEL, `${runId}:${event.seq}`);
  }
}

const INTERRUPTED_MESSAGE = 'The server stopped while this run was running';

/** The final event of a Temporal run, from its workflow's closed status. */
async function closingEvent(
  run: RunRecord,
  status: string | undefined,
  result: () => Promise<unknown>,
): Promise<KeyedRunEvent> {
  const base = { runId: run.id, ts: Date.now(), key: 'server:closed' };
  const failed = (code: string, message: string) => ({
    ...base,
    type: 'run.failed' as const,
    error: { code, message, retryable: false },
  });
  switch (status) {
    case 'COMPLETED':
      try {
        return { ...base, type: 'run.succeeded', data: previewOf(await result()) };
      } catch (error) {
        return failed('EXECUTION_FAILED', toError(error).message);
      }
    case 'CANCELLED':
      return {
        ...base,
        type: 'run.cancelled',
        error: { code: 'CANCELLED', message: 'Cancelled in Temporal', retryable: false },
      };
    case 'TERMINATED':
      return {
        ...base,
        type: 'run.cancelled',
        error: { code: 'CANCELLED', message: 'Terminated in Temporal', retryable: false },
      };
    case 'TIMED_OUT':
      return failed('TIMEOUT', 'The workflow timed out in Temporal');
    case undefined:
      return failed('INTERRUPTED', 'Temporal has no workflow for this run: it never started');
    default:
      return failed('EXECUTION_FAILED', `The workflow ended ${status.toLowerCase()} in Temporal`);
  }
}

function cancelledByUser(): OrchestratorError {
  return new OrchestratorError({
    code: 'CANCELLED',
    op: 'run.cancel',
    message: 'Cancelled by a user',
  });
}
