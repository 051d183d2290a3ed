import { useEffect } from 'react';
import { parseRoute } from '../../lib/route';

export const LEAVE_WARNING = 'This graph has unsaved changes. Leave and lose them?';

/** Whether moving from one hash to another leaves the graph being edited. */
export function leavesGraph(oldHash: string, newHash: string): boolean {
  const from = parseRoute(oldHash);
  const to = parseRoute(newHash);
  return from.page === 'editor' && (to.page !== 'editor' || to.graphId !== from.graphId);
}

/**
 * Warns before unsaved changes are lost: the browser's own prompt when the page unloads, and a
 * confirm when an in-app link or Back leaves the graph (the hash is put back if the user stays).
 * The prompt is the browser's: it blocks the hash change synchronously, before the route
 * re-renders, which an async dialog could not.
 */
export function useLeaveGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium needs returnValue set to show the prompt.
      event.returnValue = '';
    };
    const onHashChange = (event: HashChangeEvent) => {
      const oldHash = new URL(event.oldURL).hash;
      const newHash = new URL(event.newURL).hash;
      if (!leavesGraph(oldHash, newHash) || window.confirm(LEAVE_WARNING)) return;
      // Still inside the event: the route (useSyncExternalStore) re-reads the hash when it renders,
      // after this, and finds the old one.
      window.history.replaceState(window.history.state, '', event.oldURL);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('hashchange', onHashChange);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('hashchange', onHashChange);
    };
  }, [dirty]);
}
