import type { RunEvent } from '@beluga/orchestration';
import { and, asc, eq, gt, max, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { duplicateError, isUniqueViolation, pageSize } from './errors.js';
import { toJsonbText } from './json.js';
import { runEvents } from './schema.js';
import type { RunEventRepository } from './types.js';

/**
 * All events of a call travel as ONE jsonb array parameter and are expanded by the server, so
 * a batch of any size is one statement with one bind parameter: atomic, and far from
 * PostgreSQL's 65,535-parameter limit that a VALUES list of 6 columns reaches at ~10,900 rows.
 * `ts` (milliseconds) becomes a timestamptz exactly: epoch + ms intervals, no float seconds.
 */
export function insertStatement(events: readonly RunEvent[]) {
  return sql`
    insert into ${runEvents} (run_id, seq, type, node_id, ts, event)
    select e->>'runId', (e->>'seq')::integer, e->>'type', e->>'nodeId',
           timestamptz 'epoch' + (e->>'ts')::double precision * interval '1 millisecond', e
    from jsonb_array_elements(${toJsonbText(events)}::jsonb) as e`;
}

function describeBatch(events: readonly RunEvent[]): string {
  const first = events[0]!;
  const last = events[events.length - 1]!;
  return `run "${first.runId}", seq ${first.seq}..${last.seq}`;
}

/** The run event repository over drizzle (see {@link RunEventRepository}). */
export function createRunEventRepository(db: Db): RunEventRepository {
  return {
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
