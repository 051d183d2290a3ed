import type { Database, KeyedRunEvent, RunResult } from '@beluga/db';
import { isOrchestratorError, type RunEvent } from '@beluga/orchestration';
import { RUN_EVENTS_CHANNEL } from './eventWriter.js';

/** What a writer of keyed run events needs: the shape of @beluga/temporal's RunEventSink. */
export interface KeyedRunEventSink {
  append(runId: string, events: readonly KeyedRunEvent[]): Promise<void>;
}

export interface DatabaseEventSinkOptions {
  /** This process's event streams, when it has any (a server with an in-process worker). */
  publish?: (runId: string, events: readonly RunEvent[]) => void;
  /** Tries of one append before it rejects (transient database errors). Default 5. */
  attempts?: number;
}

/** The run's end as its final event tells it; the run record keeps the event's output preview. */
function resultOf(event: KeyedRunEvent): RunResult | undefined {
  const error = event.error && { code: event.error.code, message: event.error.message };
  switch (event.type) {
    case 'run.succeeded':
      return { status: 'succeeded', output: event.data ?? null };
    case 'run.failed':
      return { status: 'failed', ...(error ? { error } : {}) };
    case 'run.cancelled':
      return { status: 'cancelled', ...(error ? { error } : {}) };
    default:
      return undefined;
  }
}

/**
 * The run event sink of Temporal runs, over the database: events are numbered and deduplicated
 * by their keys in the log (appendKeyed), a final event ends the run record in the same
 * transaction, and each stored batch is announced like the local executor's (this process's
 * streams directly, every other server through the notifier). Transient failures are retried
 * here, since the workflow's own events cannot be retried by Temporal.
 */
export function createDatabaseEventSink(
  db: Database,
  options: DatabaseEventSinkOptions = {},
): KeyedRunEventSink {
  const attempts = options.attempts ?? 5;
  return {
    async append(runId, events) {
      const finish = events.map(resultOf).find((result) => result !== undefined);
      let stored: RunEvent[] = [];
      for (let attempt = 1; ; attempt++) {
        try {
          ({ stored } = await db.events.appendKeyed(runId, events, finish));
          break;
        } catch (error) {
          // A run that does not exist will not exist on the next try either.
          if (attempt >= attempts || (isOrchestratorError(error) && error.code === 'NOT_FOUND'))
            throw error;
          await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        }
      }
      const last = stored.at(-1);
      if (!last) return;
      options.publish?.(runId, stored);
      await db.notifier.notify(RUN_EVENTS_CHANNEL, `${runId}:${last.seq}`);
    },
  };
}
