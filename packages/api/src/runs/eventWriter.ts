import type { Database } from '@beluga/db';
import type { RunEvent } from '@beluga/orchestration';

const TERMINAL_EVENTS: ReadonlySet<string> = new Set([
  'run.succeeded',
  'run.failed',
  'run.cancelled',
]);

/** The channel that announces new events: payload `<runId>:<last seq>`. */
export const RUN_EVENTS_CHANNEL = 'beluga_run_events';

export interface EventWriterOptions {
  /** Flush once this many events wait. Default 500. */
  maxBatch?: number;
  /** Flush this long after the first waiting event, in ms. Default 5. */
  maxDelayMs?: number;
  /** Told when a write fails; the events of that batch are lost to the log. */
  onError: (error: unknown) => void;
  /** Receives each run's part of a stored batch, for this process's streams (before the notify). */
  onStored?: (runId: string, batch: readonly RunEvent[]) => void;
}

/**
 * Writes the events of every run of this process in shared batches: one multi-row insert per
 * flush whatever the number of runs, then one notification per run in it, so the cost per event
 * stays small with many concurrent runs while a quiet run's events still arrive within
 * milliseconds. Flushes run one at a time, in order. A run's final event is held back for
 * close(), which announces it only after the run's final status is stored.
 */
export class EventWriter {
  private buffer: RunEvent[] = [];
  private readonly finals = new Map<string, RunEvent>();
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly db: Database,
    private readonly options: EventWriterOptions,
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 5;
  }

  write(event: RunEvent): void {
    if (TERMINAL_EVENTS.has(event.type)) {
      this.finals.set(event.runId, event);
      return;
    }
    this.buffer.push(event);
    // store() reports its own failures, so a flush never rejects.
    if (this.buffer.length >= this.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.maxDelayMs);
  }

  /** Writes what waits; resolves when everything written so far is stored. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    if (batch.length > 0) {
      this.buffer = [];
      this.chain = this.chain.then(() => this.store(batch));
    }
    return this.chain;
  }

  /**
   * Hands what is left of a run to `finish`, which stores those events together with the run's
   * final status (one transaction), and only then announces them: whoever sees the final event
   * also sees the final status, from this process or from the log.
   */
  async close(runId: string, finish: (events: RunEvent[]) => Promise<void>): Promise<void> {
    const final = this.finals.get(runId);
    this.finals.delete(runId);
    const mine = this.buffer.filter((event) => event.runId === runId);
    if (mine.length > 0) this.buffer = this.buffer.filter((event) => event.runId !== runId);
    if (final) mine.push(final);
    await this.chain;
    try {
      await finish(mine);
    } catch (error) {
      this.options.onError(error);
      return;
    }
    if (mine.length > 0) await this.announce(mine);
  }

  private async store(batch: RunEvent[]): Promise<void> {
    if (await this.append(batch)) await this.announce(batch);
  }

  private async append(batch: RunEvent[]): Promise<boolean> {
    try {
      await this.db.events.append(batch);
      return true;
    } catch (error) {
      this.options.onError(error);
      return false;
    }
  }

  private async announce(batch: RunEvent[]): Promise<void> {
    const byRun = new Map<string, RunEvent[]>();
    for (const event of batch) {
      const events = byRun.get(event.runId);
      if (events) events.push(event);
      else byRun.set(event.runId, [event]);
    }
    for (const [runId, events] of byRun) {
      try {
        this.options.onStored?.(runId, events);
        const last = events[events.length - 1] as RunEvent;
        await this.db.notifier.notify(RUN_EVENTS_CHANNEL, `${runId}:${last.seq}`);
      } catch (error) {
        this.options.onError(error);
      }
    }
  }
}
