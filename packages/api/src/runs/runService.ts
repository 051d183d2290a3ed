import type { Database, RunRecord } from '@beluga/db';
import { compile, type GraphDocument } from '@beluga/graph';
import type { ApprovalBroker, ApprovalDecision, NodeRegistry } from '@beluga/nodes';
import {
  isOrchestratorError,
  OrchestratorError,
  toError,
  type RunEvent,
} from '@beluga/orchestration';
import { randomUUID } from 'node:crypto';
import type { ApiLimits, ApiUser } from '../context.js';
import { apiError, notFound } from '../errors.js';
import type { RunNotifications } from './runEventStream.js';
import { EventWriter, RUN_EVENTS_CHANNEL } from './eventWriter.js';

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
  /** This process's event streams: stored batches go to them directly. */
  notifications?: RunNotifications;
}

interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
  startedBy: string;
}

export interface StartRunInput {
  graphId: string;
  version?: number;
  input: unknown;
  executor: 'local' | 'temporal';
}

/** Starts, tracks, cancels and recovers the runs of this server process (local executor). */
export class RunService {
  private readonly active = new Map<string, ActiveRun>();
  private unlisten: (() => Promise<void>) | undefined;

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
    for (const runId of interrupted) await this.appendInterrupted(runId);
    return interrupted;
  }

  async start(user: ApiUser, request: StartRunInput): Promise<RunRecord> {
    const { db, limits } = this.options;
    if (request.executor !== 'local') {
      throw apiError({
        code: 'PRECONDITION_FAILED',
        errorCode: 'EXECUTOR_UNAVAILABLE',
        message: `The "${request.executor}" executor is not configured on this server`,
        field: 'executor',
      });
    }
    const graph = await this.loadGraph(request.graphId, request.version);
    const running = await db.runs.countRunning(user.id);
    if (running >= limits.maxRunningPerUser) {
      throw apiError({
        code: 'TOO_MANY_REQUESTS',
        errorCode: 'RUN_LIMIT',
        message: `You already have ${running} runs running; the limit is ${limits.maxRunningPerUser}`,
      });
    }
    const executable = this.compile(graph.document);
    const run = await db.runs.create({
      id: randomUUID(),
      graphId: request.graphId,
      graphVersion: graph.version,
      graphName: graph.document.name,
      executor: 'local',
      input: request.input ?? null,
      startedBy: user.id,
      instanceId: this.options.instanceId,
    });
    this.execute(run, executable, request.input ?? null);
    return run;
  }

  private async loadGraph(graphId: string, version: number | undefined) {
    const { graphs } = this.options.db;
    const found =
      version === undefined ? await graphs.get(graphId) : await graphs.getVersion(graphId, version);
    if (!found)
      throw notFound(version === undefined ? 'Graph' : `Version ${version} of graph`, graphId);
    return found;
  }

  private compile(document: GraphDocument) {
    try {
      return compile(document, this.options.registry);
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
    const { db, log } = this.options;
    const controller = new AbortController();
    const writer = this.writer;
    const finish = async (
      status: 'succeeded' | 'failed' | 'cancelled',
      fields: { output?: unknown; error?: { code: string; message: string } },
    ) => {
      await writer.close(run.id, async (events) => {
        await db.runs.finish(run.id, { status, ...fields, events });
      });
    };
    const done = graph
      .invoke(input, {
        runId: run.id,
        signal: controller.signal,
        onEvent: (event) => writer.write(event),
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
      .finally(() => this.active.delete(run.id));
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
    const active = this.active.get(runId);
    if (active) {
      active.controller.abort(cancelledByUser());
      await active.done;
    } else {
      await this.options.db.notifier.notify(RUN_CONTROL_CHANNEL, runId);
    }
    return (await this.options.db.runs.get(runId)) as RunRecord;
  }

  /** Approves or rejects a waiting approval node of a run of this process. */
  async decide(runId: string, nodeId: string, decision: ApprovalDecision): Promise<void> {
    const run = await this.options.db.runs.get(runId);
    if (!run) throw notFound('Run', runId);
    if (run.status === 'running' && !this.active.has(runId)) {
      throw apiError({
        code: 'CONFLICT',
        errorCode: 'RUN_ELSEWHERE',
        message: `Run "${runId}" runs on another server process (${run.instanceId}); approve it there`,
      });
    }
    this.options.approvals.decide(runId, nodeId, decision);
  }

  /** Approvals waiting in this process for a run. */
  pendingApprovals(runId: string) {
    return this.options.approvals.pending(runId);
  }

  /** Stops every run of this process; they end cancelled (a restart would mark them interrupted). */
  async close(): Promise<void> {
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

  private async appendInterrupted(runId: string): Promise<void> {
    const { db } = this.options;
    const event: RunEvent = {
      type: 'run.failed',
      runId,
      seq: (await db.events.lastSeq(runId)) + 1,
      ts: Date.now(),
      error: {
        code: 'INTERRUPTED',
        message: 'The server stopped while this run was running',
        retryable: false,
      },
    };
    await db.events.append([event]);
    await db.notifier.notify(RUN_EVENTS_CHANNEL, `${runId}:${event.seq}`);
  }
}

function cancelledByUser(): OrchestratorError {
  return new OrchestratorError({
    code: 'CANCELLED',
    op: 'run.cancel',
    message: 'Cancelled by a user',
  });
}
