import type { Database } from '@beluga/db';
import type { RunEvent } from '@beluga/orchestration';
import { RUN_EVENTS_CHANNEL } from './eventWriter.js';

const TERMINAL = new Set(['run.succeeded', 'run.failed', 'run.cancelled']);

export interface RunNotificationsOptions {
  /**
   * How often, in ms, the runs being watched are checked for events whose notification never
   * came (PostgreSQL only: a LISTEN connection that drops misses what is sent until it is back).
   * Default 5,000.
   */
  recheckMs?: number;
}

interface WatchedRun {
  wakers: Set<() => void>;
  /** The highest sequence number announced or found so far. */
  seen: number;
}

/**
 * One listen on the run-events channel for the whole process, fanned out to the streams of each
 * run, so a thousand subscribers cost one LISTEN and a map lookup per notification. On
 * PostgreSQL a periodic check (one indexed query per watched run) wakes the streams of runs that
 * have events nobody announced, so a lost notification delays a tail instead of stalling it.
 */
export class RunNotifications {
  private readonly watched = new Map<string, WatchedRun>();
  private unlisten: (() => Promise<void>) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(
    private readonly db: Database,
    private readonly options: RunNotificationsOptions = {},
  ) {}

  async open(): Promise<void> {
    this.unlisten = await this.db.notifier.listen(RUN_EVENTS_CHANNEL, (payload) => {
      const colon = payload.lastIndexOf(':');
      this.announce(payload.slice(0, colon), Number(payload.slice(colon + 1)));
    });
    if (this.db.kind !== 'postgres') return;
    this.timer = setInterval(() => void this.recheck(), this.options.recheckMs ?? 5_000);
    this.timer.unref();
  }

  /** Calls `wake` whenever new events of the run are stored; returns the unsubscribe function. */
  watch(runId: string, wake: () => void): () => void {
    let run = this.watched.get(runId);
    if (!run) this.watched.set(runId, (run = { wakers: new Set(), seen: 0 }));
    run.wakers.add(wake);
    return () => {
      run.wakers.delete(wake);
      if (run.wakers.size === 0) this.watched.delete(runId);
    };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.unlisten?.();
  }

  private announce(runId: string, seq: number): void {
    const run = this.watched.get(runId);
    if (!run) return;
    if (seq > run.seen) run.seen = seq;
    for (const wake of run.wakers) wake();
  }

  private async recheck(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      for (const [runId, run] of this.watched) {
        const last = await this.db.events.lastSeq(runId);
        if (last > run.seen) this.announce(runId, last);
      }
    } catch {
      // The database is unreachable: the next check tries again.
    } finally {
      this.checking = false;
    }
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
