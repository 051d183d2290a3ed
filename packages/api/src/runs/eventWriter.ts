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
  /** Receives each batch once it is stored, for this process's streams (before the notify). */
  onStored?: (batch: readonly RunEvent[]) => void;
}

/**
 * Writes a run's events in batches: one multi-row insert per flush, then one notification, so
 * the cost per event stays small while a quiet run's events still arrive within milliseconds.
 * Flushes run one at a time, in order.
 */
export class EventWriter {
  private buffer: RunEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly db: Database,
    private readonly runId: string,
    private readonly options: EventWriterOptions,
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 5;
  }

  write(event: RunEvent): void {
    this.buffer.push(event);
    // The run's last event waits for close(), which announces it after the final status.
    if (TERMINAL_EVENTS.has(event.type)) return;
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
   * Stores what is left, then runs `settle` (recording the run's final status), and only then
   * announces the last batch: whoever sees the run's final event also sees its final status.
   */
  async close(settle: () => Promise<void>): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    await this.chain;
    const stored = batch.length > 0 && (await this.append(batch));
    await settle();
    if (stored) await this.announce(batch);
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
    try {
      this.options.onStored?.(batch);
      const last = batch[batch.length - 1] as RunEvent;
      await this.db.notifier.notify(RUN_EVENTS_CHANNEL, `${this.runId}:${last.seq}`);
    } catch (error) {
      this.options.onError(error);
    }
  }
}
