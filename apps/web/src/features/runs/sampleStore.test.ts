import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { sampleStore } from './sampleStore';

interface State {
  run: string;
  value: number;
}

describe('sampleStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const store = createStore<State>(() => ({ run: 'a', value: 0 }));
    const seen: number[] = [];
    const stop = sampleStore(
      store,
      { select: (s) => s.value, everyMs: 200, now: (s, p) => s.run !== p.run },
      (value) => seen.push(value),
    );
    return { store, seen, stop };
  }

  it('takes the value at once, then at most one per interval, ending on the last value', () => {
    const { store, seen } = setup();
    expect(seen).toEqual([0]);
    for (let i = 1; i <= 5; i++) store.setState({ value: i });
    expect(seen).toEqual([0]);
    vi.advanceTimersByTime(200);
    expect(seen).toEqual([0, 5]);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([0, 5]);
  });

  it('ignores changes to what it does not select, and takes another run at once', () => {
    const { store, seen } = setup();
    store.setState({ run: 'a' });
    vi.advanceTimersByTime(500);
    expect(seen).toEqual([0]);
    store.setState({ run: 'b', value: 7 });
    expect(seen).toEqual([0, 7]);
  });

  it('stops: no sample after it is stopped', () => {
    const { store, seen, stop } = setup();
    store.setState({ value: 1 });
    stop();
    vi.advanceTimersByTime(500);
    store.setState({ value: 2 });
    expect(seen).toEqual([0]);
  });
});
