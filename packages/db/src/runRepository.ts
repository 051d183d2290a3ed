import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { pageSize } from './errors.js';
import { toJsonbText } from './json.js';
import { insertStatement } from './runEventRepository.js';
import { runs } from './schema.js';
import type { CreateRunInput, RunRecord, RunRepository, RunResult } from './types.js';

type RunRow = typeof runs.$inferSelect;

function toRecord(row: RunRow): RunRecord {
  return {
    ...row,
    executor: row.executor as RunRecord['executor'],
    status: row.status as RunRecord['status'],
    error: (row.error ?? null) as RunRecord['error'],
  };
}

/** Why a run is `interrupted`; retrying it (a new run) may well succeed. */
// The same code as the run's final `run.failed` event, so the UI sees one reason.
const INTERRUPTED_ERROR = {
  code: 'INTERRUPTED',
  message: 'The server stopped while this run was running',
};

/** Why a run whose server stopped sending heartbeats is `interrupted`. */
export function staleRunError(leaseMs: number): { code: string; message: string } {
  return {
    code: 'INTERRUPTED',
    message: `The server running this run stopped answering (no heartbeat for ${leaseMs / 1000} s)`,
  };
}

const runningLocal = and(eq(runs.status, 'running'), eq(runs.executor, 'local'));

/** Records the end of a run that is still `running`; false when it was not. */
export async function finishRun(db: Db, id: string, result: RunResult): Promise<boolean> {
  const updated = await db
    .update(runs)
    .set({
      status: result.status,
      output: result.output ?? null,
      error: result.error ? { code: result.error.code, message: result.error.message } : null,
      finishedAt: new Date(),
    })
    .where(and(eq(runs.id, id), eq(runs.status, 'running')))
    .returning({ id: runs.id });
  return updated.length > 0;
}

/** The run repository over drizzle (see {@link RunRepository}). */
export function createRunRepository(db: Db): RunRepository {
  return {
    async create(input: CreateRunInput): Promise<RunRecord> {
      const [row] = await db
        .insert(runs)
        .values({ ...input, input: input.input ?? null, status: 'running', createdAt: new Date() })
        .returning();
      return toRecord(row!);
    },

    async get(id: string): Promise<RunRecord | undefined> {
      const [row] = await db.select().from(runs).where(eq(runs.id, id));
      return row && toRecord(row);
    },

    async list(options = {}): Promise<RunRecord[]> {
      const { before, graphId, workspaceId } = options;
      const rows = await db
        .select()
        .from(runs)
        .where(
          and(
            workspaceId === undefined ? undefined : eq(runs.workspaceId, workspaceId),
            graphId === undefined ? undefined : eq(runs.graphId, graphId),
            before &&
              sql`(${runs.createdAt}, ${runs.id}) < (${before.createdAt.toISOString()}::timestamptz, ${before.id})`,
          ),
        )
        .orderBy(desc(runs.createdAt), desc(runs.id))
        .limit(pageSize(options.limit, 100, 1000));
      return rows.map(toRecord);
    },

    async finish(id: string, result: RunResult): Promise<boolean> {
      const events = result.events ?? [];
      if (events.length === 0) return finishRun(db, id, result);
      // One statement, so atomic without an interactive transaction: PGlite on its thread would
      // hold its lock (every other query waiting) across each round trip of one.
      const error = result.error
        ? { code: result.error.code, message: result.error.message }
        : null;
      const updated = (await db.execute(sql`
        with stored as (${insertStatement(events)})
        update ${runs}
        set status = ${result.status}, output = ${toJsonbText(result.output ?? null)}::jsonb,
            error = ${error === null ? null : toJsonbText(error)}::jsonb,
            finished_at = ${new Date().toISOString()}::timestamptz
        where id = ${id} and status = 'running'
        returning id`)) as { rows: unknown[] };
      return updated.rows.length > 0;
    },

    async countRunning(startedBy: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(runs)
        .where(and(eq(runs.startedBy, startedBy), eq(runs.status, 'running')));
      return row?.n ?? 0;
    },

    async markInterrupted(instanceId?: string): Promise<string[]> {
      const updated = await db
        .update(runs)
        .set({ status: 'interrupted', error: INTERRUPTED_ERROR, finishedAt: new Date() })
        .where(
          and(runningLocal, instanceId === undefined ? undefined : eq(runs.instanceId, instanceId)),
        )
        .returning({ id: runs.id });
      return updated.map((row) => row.id);
    },

    async listRunning(executor, options = {}): Promise<RunRecord[]> {
      const rows = await db
        .select()
        .from(runs)
        .where(and(eq(runs.status, 'running'), eq(runs.executor, executor)))
        .orderBy(asc(runs.createdAt), asc(runs.id))
        .limit(pageSize(options.limit, 100, 1000));
      return rows.map(toRecord);
    },

    async heartbeat(instanceId: string): Promise<string[]> {
      const renewed = await db
        .update(runs)
        .set({ heartbeatAt: sql`now()` })
        .where(and(runningLocal, eq(runs.instanceId, instanceId)))
        .returning({ id: runs.id });
      return renewed.map((row) => row.id);
    },

    async interruptStale(leaseMs: number): Promise<string[]> {
      const updated = await db
        .update(runs)
        .set({ status: 'interrupted', error: staleRunError(leaseMs), finishedAt: new Date() })
        .where(
          and(
            runningLocal,
            sql`${runs.heartbeatAt} <= now() - ${leaseMs} * interval '1 millisecond'`,
          ),
        )
        .returning({ id: runs.id });
      return updated.map((row) => row.id);
    },

    async setWorkflow(id, ids): Promise<void> {
      await db
        .update(runs)
        .set({ workflowId: ids.workflowId, workflowRunId: ids.workflowRunId })
        .where(eq(runs.id, id));
    },
  };
}
