import type { Database } from '@beluga/db';
import type { RunEvent } from '@beluga/orchestration';
import { RUN_EVENTS_CHANNEL } from './eventWriter.js';

const TERMINAL = new Set(['run.succeeded', 'run.failed', 'run.cancelled']);

/**
 * One listen on the run-events channel for the whole process, fanned out to the streams of each
 * run, so a thousand subscribers cost one LISTEN and a map lookup per notification.
 */
export class RunNotifications {
  private readonly waiters = new Map<string, Set<() => void>>();
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly db: Database) {}

  async open(): Promise<void> {
    this.unlisten = await this.db.notifier.listen(RUN_EVENTS_CHANNEL, (payload) => {
      const runId = payload.slice(0, payload.lastIndexOf(':'));
      for (const wake of this.waiters.get(runId) ?? []) wake();
    });
  }

  /** Calls `wake` whenever new events of the run are stored; returns the unsubscribe function. */
  watch(runId: string, wake: () => void): () => void {
    let set = this.waiters.get(runId);
    if (!set) this.waiters.set(runId, (set = new Set()));
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0) this.waiters.delete(runId);
    };
  }

  async close(): Promise<void> {
    await this.unlisten?.();
  }
}

export interface RunEventStreamOptions {
  db: Database;
  notifications: RunNotifications;
  runId: string;
  /** The last sequence number the client has; the stream starts after it. */
  afterSeq: number;
  signal: AbortSignal;
  /** Events per message. Default 500. */
  pageSize?: number;
}

/**
 * The events of a run as batches, replayed from the log and then tailed: the watch starts before
 * the first read, so nothing stored in between is missed, and every read starts after the last
 * sequence number sent, so nothing is sent twice. It reads only when the consumer asks for the
 * next batch, so a slow consumer holds one page in memory, not the backlog. Ends after the run's
 * terminal event, or at once for a finished run the client has seen entirely.
 */
export async function* runEventStream(options: RunEventStreamOptions): AsyncGenerator<RunEvent[]> {
  const { db, notifications, runId, signal } = options;
  const pageSize = options.pageSize ?? 500;
  let afterSeq = options.afterSeq;
  let dirty = true;
  let wake: (() => void) | undefined;
  const unwatch = notifications.watch(runId, () => {
    dirty = true;
    wake?.();
  });
  const onAbort = () => wake?.();
  signal.addEventListener('abort', onAbort);
  try {
    while (!signal.aborted) {
      if (!dirty) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      dirty = false;
      for (;;) {
        const events = await db.events.list(runId, { afterSeq, limit: pageSize });
        if (events.length === 0) {
          // A finished run stored all its events before its status changed: nothing more comes.
          if (await isFinished(db, runId, afterSeq)) return;
          break;
        }
        afterSeq = (events[events.length - 1] as RunEvent).seq;
        yield events;
        if (events.some((event) => TERMINAL.has(event.type))) return;
        if (events.length < pageSize) break;
      }
    }
  } finally {
    unwatch();
    signal.removeEventListener('abort', onAbort);
  }
}

async function isFinished(db: Database, runId: string, afterSeq: number): Promise<boolean> {
  const run = await db.runs.get(runId);
  if (!run || run.status === 'running') return false;
  return (await db.events.list(runId, { afterSeq, limit: 1 })).length === 0;
}
