import type { Database } from '@beluga/db';
import type { RunEvent } from '@beluga/orchestration';

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

  private async store(batch: RunEvent[]): Promise<void> {
    try {
      await this.db.events.append(batch);
      this.options.onStored?.(batch);
      const last = batch[batch.length - 1] as RunEvent;
      await this.db.notifier.notify(RUN_EVENTS_CHANNEL, `${this.runId}:${last.seq}`);
    } catch (error) {
      this.options.onError(error);
    }
  }
}
