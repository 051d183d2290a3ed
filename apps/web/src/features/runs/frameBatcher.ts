export interface FrameBatcher<T> {
  push: (items: readonly T[]) => void;
  /** Applies what is queued now (before a snapshot replaces the view, or when closing). */
  flush: () => void;
  /** Drops what is queued and stops. */
  dispose: () => void;
}

/** Calls back once, later; returns how to call it off. */
export type FrameScheduler = (callback: () => void) => () => void;

/**
 * Once per animation frame, the browser's; when the tab is hidden frames stop, so a timer takes
 * over (a hidden tab still keeps its view current, at a slower pace).
 */
export const animationFrames: FrameScheduler = (callback) => {
  if (document.hidden) {
    const timer = window.setTimeout(callback, 250);
    return () => window.clearTimeout(timer);
  }
  const frame = requestAnimationFrame(callback);
  return () => cancelAnimationFrame(frame);
};

/**
 * Collects items as they arrive and hands them over in one call per frame, so a burst of
 * events (LLM tokens, a wide fan-out) renders once per frame instead of once per message.
 */
export function createFrameBatcher<T>(
  apply: (items: T[]) => void,
  schedule: FrameScheduler = animationFrames,
): FrameBatcher<T> {
  let queue: T[] = [];
  let cancel: (() => void) | undefined;
  const flush = () => {
    cancel?.();
    cancel = undefined;
    if (queue.length === 0) return;
    const items = queue;
    queue = [];
    apply(items);
  };
  return {
    push(items) {
      if (items.length === 0) return;
      queue.push(...items);
      cancel ??= schedule(flush);
    },
    flush,
    dispose() {
      cancel?.();
      cancel = undefined;
      queue = [];
    },
  };
}
