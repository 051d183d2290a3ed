import type { RunEvent } from '@beluga/orchestration';
import { and, asc, eq, gt, max, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { duplicateError, hasCode, isUniqueViolation, pageSize } from './errors.js';
import { fromJsonb, toJsonbText } from './json.js';
import { runEvents } from './schema.js';
import type { KeyedRunEvent, RunEventRepository } from './types.js';
import { finishRun } from './runRepository.js';
import { OrchestratorError } from '@beluga/orchestration';

/** The SQLSTATE beluga_append_keyed raises for a run that does not exist. */
const UNKNOWN_RUN = 'BLG01';

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
 * Appends keyed events in one statement (beluga_append_keyed, migration 0004): locks the run,
 * numbers the new events after its last seq and inserts them, skipping known keys (and repeats
 * within the call, the first kept). Answers the stored events in seq order.
 */
async function appendKeyedRows(db: Db, runId: string, events: readonly KeyedRunEvent[]) {
  if (events.length === 0) return [];
  try {
    // Both drivers answer { rows }: node-postgres's QueryResult and PGlite's Results.
    const result = (await db.execute(
      sql`select beluga_append_keyed(${runId}, ${toJsonbText(events)}::jsonb) as event`,
    )) as { rows: { event: unknown }[] };
    return result.rows.map((row) => fromJsonb(row.event) as RunEvent).sort((a, b) => a.seq - b.seq);
  } catch (error) {
    if (hasCode(error, UNKNOWN_RUN)) {
      const message = `Run "${runId}" does not exist`;
      throw new OrchestratorError({ code: 'NOT_FOUND', op: 'events.appendKeyed', message });
    }
    throw error;
  }
}

/** The run event repository over drizzle (see {@link RunEventRepository}). */
export function createRunEventRepository(db: Db): RunEventRepository {
  return {
    async appendKeyed(runId, events, finish) {
      if (!finish) return { stored: await appendKeyedRows(db, runId, events), finished: false };
      // The final event and the run's end, together.
      return db.transaction(async (tx) => {
        const stored = await appendKeyedRows(tx, runId, events);
        const finished = await finishRun(tx, runId, finish);
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
