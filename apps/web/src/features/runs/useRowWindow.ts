import { useLayoutEffect, useState, type RefObject } from 'react';

/** Rows rendered beyond the visible ones on each side, so a quick scroll shows no gap. */
const OVERSCAN = 10;

export interface RowWindow {
  start: number;
  end: number;
}

function scrollParentOf(element: HTMLElement): HTMLElement | undefined {
  for (let at = element.parentElement; at; at = at.parentElement) {
    const { overflowY } = getComputedStyle(at);
    if (overflowY === 'auto' || overflowY === 'scroll') return at;
  }
  return undefined;
}

function visibleRows(list: HTMLElement, parent: HTMLElement, rowHeight: number, count: number) {
  const top = list.getBoundingClientRect().top - parent.getBoundingClientRect().top;
  const first = Math.floor(-top / rowHeight) - OVERSCAN;
  const last = Math.ceil((parent.clientHeight - top) / rowHeight) + OVERSCAN;
  return { start: Math.max(0, first), end: Math.max(0, Math.min(count, last)) };
}

/**
 * Which of `count` rows of `rowHeight` px in the list at `ref` are within its scrolling parent's
 * view (plus a margin), or all of them when `enabled` is false. A run of 2,000 nodes keeps
 * about 40 timeline rows in the DOM instead of 2,000, each re-rendered as the run's clock ticks.
 */
export function useRowWindow(
  ref: RefObject<HTMLElement | null>,
  { count, rowHeight, enabled }: { count: number; rowHeight: number; enabled: boolean },
): RowWindow {
  const [view, setView] = useState<RowWindow>({ start: 0, end: 0 });
  useLayoutEffect(() => {
    const list = ref.current;
    const parent = list && enabled ? scrollParentOf(list) : undefined;
    if (!list || !parent) return;
    const update = () => {
      const next = visibleRows(list, parent, rowHeight, count);
      setView((prev) => (prev.start === next.start && prev.end === next.end ? prev : next));
    };
    update();
    parent.addEventListener('scroll', update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(parent);
    return () => {
      parent.removeEventListener('scroll', update);
      resize.disconnect();
    };
  }, [ref, count, rowHeight, enabled]);
  return enabled ? view : { start: 0, end: count };
}
