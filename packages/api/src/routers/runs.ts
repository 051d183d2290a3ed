import { trace } from '@opentelemetry/api';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { graphProcedure, runProcedure, userProcedure, workspaceProcedure } from '../access.js';
import { router } from '../trpc.js';
import { runEventStream } from '../runs/runEventStream.js';
import { foldRunEvents } from '../runs/runState.js';
import type { PendingApproval } from '@beluga/nodes';
import type { RunEvent } from '@beluga/orchestration';
import { CursorDateInput, IdInput } from '../inputs.js';

const MAX_EVENTS_FOLDED = 100_000;

const DecisionInput = z.object({
  nodeId: IdInput,
  comment: z.string().max(10_000).optional(),
});

export const runsRouter = router({
  start: graphProcedure('run', 'graphId')
    .input(
      z.object({
        version: z.number().int().min(1).optional(),
        input: z.unknown().optional(),
        executor: z.enum(['local', 'temporal']).default('local'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const run = await ctx.runs.start(ctx.user, {
        workspaceId: ctx.access.workspaceId,
        graphId: input.graphId,
        input: input.input ?? null,
        executor: input.executor,
        ...(input.version === undefined ? {} : { version: input.version }),
      });
      ctx.metrics.runsStarted.add(1, { executor: input.executor });
      // The procedure's span names the run: the trace view finds a Temporal run's trace by it.
      trace.getActiveSpan()?.setAttribute('beluga.run.id', run.id);
      return run;
    }),

  cancel: runProcedure('run').mutation(({ ctx, input }) => ctx.runs.cancel(input.runId)),

  /** Stops a Temporal run at once, without its cleanup; a local run is cancelled. */
  terminate: runProcedure('run').mutation(({ ctx, input }) =>
    ctx.runs.terminate(input.runId, ctx.user.id),
  ),

  /** The executors a run can start on now (`temporal` only while Temporal answers). */
  executors: userProcedure.query(async ({ ctx }) => ({ executors: await ctx.runs.executors() })),

  approve: runProcedure('run')
    .input(DecisionInput)
    .mutation(async ({ ctx, input }) => {
      await ctx.runs.decide(input.runId, input.nodeId, {
        decision: 'approved',
        // Shown to people as who decided: their name (the audit trail keeps the user id).
        by: ctx.user.name,
        ...(input.comment ? { comment: input.comment } : {}),
      });
      return { runId: input.runId, nodeId: input.nodeId, decision: 'approved' as const };
    }),

  reject: runProcedure('run')
    .input(DecisionInput)
    .mutation(async ({ ctx, input }) => {
      await ctx.runs.decide(input.runId, input.nodeId, {
        decision: 'rejected',
        // Shown to people as who decided: their name (the audit trail keeps the user id).
        by: ctx.user.name,
        ...(input.comment ? { comment: input.comment } : {}),
      });
      return { runId: input.runId, nodeId: input.nodeId, decision: 'rejected' as const };
    }),

  /** The workspace's runs, newest first; of one graph with `graphId`. */
  list: workspaceProcedure('read')
    .input(
      z.object({
        graphId: IdInput.optional(),
        limit: z.number().int().min(1).max(200).default(50),
        cursor: z.object({ createdAt: CursorDateInput, id: IdInput }).optional(),
      }),
    )
    .query(({ ctx, input }) =>
      ctx.db.runs.list({
        workspaceId: ctx.access.workspaceId,
        limit: input.limit,
        ...(input.graphId ? { graphId: input.graphId } : {}),
        ...(input.cursor ? { before: input.cursor } : {}),
      }),
    ),

  /** A run with every node's state, input and output previews, and its waiting approvals. */
  get: runProcedure('read').query(async ({ ctx }) => {
    const found = ctx.run;
    const version = await ctx.db.graphs.getVersion(found.graphId, found.graphVersion);
    const events = await ctx.db.events.list(found.id, { limit: MAX_EVENTS_FOLDED });
    // A run that ended between the two reads has its final event among `events` while `found`
    // still says running; a client would then follow it after that event and wait forever. The
    // record is written with the last events, so read it again then, and only then: a record
    // read after a partial `events` would say ended with states the client never completes.
    const last = events.at(-1)?.type;
    const ended = last === 'run.succeeded' || last === 'run.failed' || last === 'run.cancelled';
    const run =
      found.status === 'running' && ended ? ((await ctx.db.runs.get(found.id)) ?? found) : found;
    return {
      run,
      lastSeq: events.at(-1)?.seq ?? 0,
      nodes: version ? foldRunEvents(version.document, events) : [],
      // A Temporal run's approvals wait in its workflow: the log says which.
      pendingApprovals:
        run.executor === 'temporal'
          ? waitingApprovals(run.id, events)
          : ctx.runs.pendingApprovals(run.id),
      /** The run's workflow in the Temporal Web UI, when the server knows where that is. */
      temporalUrl: ctx.runs.temporalUrl(run),
    };
  }),

  /**
   * The run's trace as this server kept it (its spans and the browser's that came through
   * /v1/traces): from the click that started it to every node. `kept` is false when the server
   * keeps no traces; spans is empty once the trace has left the bounded store.
   */
  trace: runProcedure('read').query(async ({ ctx }) => {
    const { run } = ctx;
    const first = await ctx.db.events.list(run.id, { limit: 5 });
    const traceId =
      first.find((event) => event.traceId)?.traceId ?? ctx.traces?.traceIdOf(run.id) ?? null;
    const kept = traceId && ctx.traces ? ctx.traces.trace(traceId) : { spans: [], dropped: 0 };
    return { traceId, kept: ctx.traces !== undefined, ...kept };
  }),

  /**
   * The run's events over SSE, in batches; each message's id is its last sequence number, so a
   * client that reconnects resumes after the last batch it got, losing and repeating nothing.
   */
  events: runProcedure('read')
    .input(z.object({ lastEventId: z.string().regex(/^\d+$/).nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const { run } = ctx;
      const stream = runEventStream({
        db: ctx.db,
        notifications: ctx.notifications,
        runId: run.id,
        afterSeq: Number(input.lastEventId ?? 0),
        signal: signal ?? new AbortController().signal,
      });
      ctx.metrics.eventStreamSubscribers.add(1);
      try {
        for await (const batch of stream) yield tracked(String(batch.at(-1)?.seq ?? 0), batch);
      } finally {
        ctx.metrics.eventStreamSubscribers.add(-1);
      }
    }),
});

/** The approvals a run's log shows waiting: a node.waiting with no later event of its node. */
function waitingApprovals(runId: string, events: readonly RunEvent[]): PendingApproval[] {
  const waiting = new Map<string, PendingApproval>();
  for (const event of events) {
    if (!event.nodeId) continue;
    if (event.type === 'node.waiting') {
      const prompt = (event.data as { prompt?: unknown } | undefined)?.prompt;
      waiting.set(event.nodeId, {
        runId,
        nodeId: event.nodeId,
        prompt: typeof prompt === 'string' ? prompt : '',
        since: event.ts,
      });
    } else if (event.type !== 'node.progress') waiting.delete(event.nodeId);
  }
  return [...waiting.values()];
}
