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
  /** Sees every batch stored by this process (its metrics), before the streams do. */
  onPublished?: (runId: string, batch: readonly RunEvent[]) => void;
}

/** A stream's ears: `notified` when events were stored elsewhere, `published` with the events. */
export interface RunWatcher {
  notified(): void;
  published(batch: readonly RunEvent[]): void;
}

interface WatchedRun {
  watchers: Set<RunWatcher>;
  /** The highest sequence number announced, published or found so far. */
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

  /** Tells `watcher` about every new event of the run; returns the unsubscribe function. */
  watch(runId: string, watcher: RunWatcher): () => void {
    let run = this.watched.get(runId);
    if (!run) this.watched.set(runId, (run = { watchers: new Set(), seen: 0 }));
    run.watchers.add(watcher);
    return () => {
      run.watchers.delete(watcher);
      if (run.watchers.size === 0) this.watched.delete(runId);
    };
  }

  /**
   * Hands a batch this process has just stored to the streams of its run, so they need not read
   * it back from the database; the notification that follows it is then already known.
   */
  publish(runId: string, batch: readonly RunEvent[]): void {
    this.options.onPublished?.(runId, batch);
    const run = this.watched.get(runId);
    const last = batch[batch.length - 1];
    if (!run || !last) return;
    if (last.seq > run.seen) run.seen = last.seq;
    for (const watcher of run.watchers) watcher.published(batch);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.unlisten?.();
  }

  private announce(runId: string, seq: number): void {
    const run = this.watched.get(runId);
    if (!run || seq <= run.seen) return;
    run.seen = seq;
    for (const watcher of run.watchers) watcher.notified();
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
 * Events a stream holds from publications before it falls back to reading the log. The batches
 * are shared by every stream of the run, so this bounds references more than copies.
 */
const MAX_PUBLISHED_HELD = 1_000;

/**
 * Batches published in this process, kept in order until the stream sends them; beyond a bound
 * (a slow consumer) they are dropped and the stream reads the log instead.
 */
class PublishedQueue {
  private batches: (readonly RunEvent[])[] = [];
  private held = 0;
  overflowed = false;

  add(batch: readonly RunEvent[]): void {
    if (this.held + batch.length > MAX_PUBLISHED_HELD) {
      this.batches = [];
      this.held = 0;
      this.overflowed = true;
      return;
    }
    this.batches.push(batch);
    this.held += batch.length;
  }

  get empty(): boolean {
    return this.batches.length === 0;
  }

  /** Up to `limit` events that follow `afterSeq` without a gap, or undefined. */
  take(afterSeq: number, limit: number): RunEvent[] | undefined {
    const taken: RunEvent[] = [];
    while (this.batches.length > 0 && taken.length < limit) {
      const batch = this.batches[0] as readonly RunEvent[];
      const next = taken.length > 0 ? (taken[taken.length - 1] as RunEvent).seq : afterSeq;
      const from = batch.findIndex((event) => event.seq > next);
      if (from === -1) {
        this.drop();
        continue;
      }
      if ((batch[from] as RunEvent).seq !== next + 1) break;
      const slice = batch.slice(from, from + limit - taken.length);
      taken.push(...slice);
      if (from + slice.length >= batch.length) this.drop();
      else this.batches[0] = batch.slice(from + slice.length);
    }
    if (taken.length === 0) return undefined;
    this.held = this.batches.reduce((sum, batch) => sum + batch.length, 0);
    return taken;
  }

  private drop(): void {
    this.held -= (this.batches.shift() ?? []).length;
  }
}

/**
 * The events of a run as batches, replayed from the log and then tailed: the watch starts before
 * the first read, so nothing stored in between is missed, and every batch starts after the last
 * sequence number sent, so nothing is sent twice. Events this process stored arrive published
 * (no read back); events stored by another process are read from the log when announced. It
 * reads only when the consumer asks for the next batch and holds a bounded number of published
 * events, so a slow consumer cannot grow memory with the backlog. Ends after the run's terminal
 * event, or at once for a finished run the client has seen entirely.
 */
export async function* runEventStream(options: RunEventStreamOptions): AsyncGenerator<RunEvent[]> {
  const { db, notifications, runId, signal } = options;
  const pageSize = options.pageSize ?? 500;
  const published = new PublishedQueue();
  let afterSeq = options.afterSeq;
  let mustRead = true;
  // Set by news that arrives while a read is in flight, so the stream does not sleep through it.
  let signalled = false;
  let wake: (() => void) | undefined;
  const unwatch = notifications.watch(runId, {
    notified: () => {
      mustRead = true;
      signalled = true;
      wake?.();
    },
    published: (batch) => {
      published.add(batch);
      signalled = true;
      wake?.();
    },
  });
  const onAbort = () => wake?.();
  signal.addEventListener('abort', onAbort);
  const next = async (): Promise<RunEvent[] | 'wait' | 'finished'> => {
    const ready = published.take(afterSeq, pageSize);
    if (ready) return ready;
    if (published.overflowed || !published.empty) {
      // Dropped or out of order: the log has everything that was published.
      published.overflowed = false;
      mustRead = true;
    }
    if (!mustRead) return 'wait';
    const events = await db.events.list(runId, { afterSeq, limit: pageSize });
    if (events.length === pageSize) return events;
    mustRead = false;
    if (events.length > 0) return events;
    // A finished run stored all its events before its status changed: nothing more comes.
    return (await isFinished(db, runId, afterSeq)) ? 'finished' : 'wait';
  };
  try {
    while (!signal.aborted) {
      signalled = false;
      const events = await next();
      if (events === 'finished') return;
      if (events === 'wait') {
        if (signalled) continue;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      afterSeq = (events[events.length - 1] as RunEvent).seq;
      yield events;
      if (events.some((event) => TERMINAL.has(event.type))) return;
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
