import type { RunEvent } from '@beluga/orchestration';
import { and, asc, eq, gt, max, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { duplicateError, isUniqueViolation, pageSize } from './errors.js';
import { fromJsonb, toJsonbText } from './json.js';
import { runEvents, runs } from './schema.js';
import type { KeyedRunEvent, RunEventRepository } from './types.js';
import { finishRun } from './runRepository.js';
import { OrchestratorError } from '@beluga/orchestration';

/**
 * All events of a call travel as ONE jsonb array parameter and are expanded by the server, so
 * a batch of any size is one statement with one bind parameter: atomic, and far from
 * PostgreSQL's 65,535-parameter limit that a VALUES list reaches at a few thousand rows.
 */
export function insertStatement(events: readonly RunEvent[]) {
  return sql`
    insert into ${runEvents} (run_id, seq, event)
    select e->>'runId', (e->>'seq')::integer, e
    from jsonb_array_elements(${toJsonbText(events)}::jsonb) as e`;
}

function describeBatch(events: readonly RunEvent[]): string {
  const first = events[0]!;
  const last = events[events.length - 1]!;
  return `run "${first.runId}", seq ${first.seq}..${last.seq}`;
}

/**
 * Numbers the new events after the run's last seq and inserts them, skipping known keys (and
 * repeats within the call, the first kept). The caller holds the run's row lock.
 */
function insertKeyedStatement(runId: string, events: readonly KeyedRunEvent[]) {
  return sql`
    with drafts as (
      select e, ord from jsonb_array_elements(${toJsonbText(events)}::jsonb) with ordinality as x(e, ord)
    ), fresh as (
      select distinct on (e->>'key') e, ord from drafts d
      where not exists (
        select 1 from ${runEvents} r where r.run_id = ${runId} and r.key = d.e->>'key')
      order by e->>'key', ord
    ), numbered as (
      select e, row_number() over (order by ord) as n from fresh
    ), base as (
      select coalesce(max(seq), 0) as last from ${runEvents} where run_id = ${runId}
    )
    insert into ${runEvents} (run_id, seq, event, key)
    select ${runId}, (base.last + n)::integer,
           (e - 'key') || jsonb_build_object('runId', ${runId}::text, 'seq', base.last + n),
           e->>'key'
    from numbered, base
    returning event`;
}

/** The run event repository over drizzle (see {@link RunEventRepository}). */
export function createRunEventRepository(db: Db): RunEventRepository {
  return {
    async appendKeyed(runId, events, finish) {
      return db.transaction(async (tx) => {
        const locked = await tx
          .select({ id: runs.id })
          .from(runs)
          .where(eq(runs.id, runId))
          .for('update');
        if (locked.length === 0) {
          throw new OrchestratorError({
            code: 'NOT_FOUND',
            op: 'events.appendKeyed',
            message: `Run "${runId}" does not exist`,
          });
        }
        // Both drivers answer { rows }: node-postgres's QueryResult and PGlite's Results.
        const result = (
          events.length === 0 ? { rows: [] } : await tx.execute(insertKeyedStatement(runId, events))
        ) as { rows: { event: unknown }[] };
        const stored = result.rows
          .map((row) => fromJsonb(row.event) as RunEvent)
          .sort((a, b) => a.seq - b.seq);
        const finished = finish ? await finishRun(tx, runId, finish) : false;
        return { stored, finished };
      });
    },

    async append(events: readonly RunEvent[]): Promise<void> {
      if (events.length === 0) return;
      try {
        await db.execute(insertStatement(events));
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const message = `Duplicate run event sequence number (${describeBatch(events)}): nothing of this batch was written.`;
        throw duplicateError('events.append', message, error);
      }
    },

    async list(runId: string, options = {}): Promise<RunEvent[]> {
      const rows = await db
        .select({ event: runEvents.event })
        .from(runEvents)
        .where(and(eq(runEvents.runId, runId), gt(runEvents.seq, options.afterSeq ?? 0)))
        .orderBy(asc(runEvents.seq))
        .limit(pageSize(options.limit, 1000, 10_000));
      return rows.map((row) => row.event as RunEvent);
    },

    async lastSeq(runId: string): Promise<number> {
      const [row] = await db
        .select({ last: max(runEvents.seq) })
        .from(runEvents)
        .where(eq(runEvents.runId, runId));
      return row?.last ?? 0;
    },
  };
}
