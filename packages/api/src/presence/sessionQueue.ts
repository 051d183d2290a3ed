/**
 * The messages waiting for one subscriber. Only the newest message of a `latest` kind matters
 * (a viewers list replaces the one before it), so a slow reader never piles them up.
 */
export class SessionQueue<T extends { type: string }> {
  private readonly items: T[] = [];
  private wake: (() => void) | undefined;

  constructor(private readonly latest: ReadonlySet<string>) {}

  push(item: T): void {
    if (this.latest.has(item.type)) {
      const stale = this.items.findIndex((queued) => queued.type === item.type);
      if (stale !== -1) this.items.splice(stale, 1);
    }
    this.items.push(item);
    this.wake?.();
  }

  /** Yields every message until `signal` aborts. */
  async *drain(signal: AbortSignal): AsyncGenerator<T> {
    const aborted = new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    while (!signal.aborted) {
      const next = this.items.shift();
      if (next) {
        yield next;
        continue;
      }
      await Promise.race([new Promise<void>((resolve) => (this.wake = resolve)), aborted]);
      this.wake = undefined;
    }
  }
}
