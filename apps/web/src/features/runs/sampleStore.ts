/** The part of a zustand store that sampling needs. */
export interface Subscribable<S> {
  getState: () => S;
  subscribe: (listener: (state: S, previous: S) => void) => () => void;
}

export interface SampleOptions<S, T> {
  select: (state: S) => T;
  everyMs: number;
  /** Takes the value at once, without waiting for the next sample (e.g. another run shown). */
  now?: (state: S, previous: S) => boolean;
}

/**
 * Calls `onSample` with the selected value now, then at most once per `everyMs` while it
 * changes, always ending on its last value. Returns how to stop.
 */
export function sampleStore<S, T>(
  store: Subscribable<S>,
  { select, everyMs, now }: SampleOptions<S, T>,
  onSample: (value: T) => void,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const take = () => {
    clearTimeout(timer);
    timer = undefined;
    onSample(select(store.getState()));
  };
  take();
  const unsubscribe = store.subscribe((state, previous) => {
    if (select(state) === select(previous)) return;
    if (now?.(state, previous)) take();
    else timer ??= setTimeout(take, everyMs);
  });
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}
