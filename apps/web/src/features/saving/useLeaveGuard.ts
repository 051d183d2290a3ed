import { useEffect } from 'react';
import { parseRoute } from '../../lib/route';

export const LEAVE_WARNING = 'This graph has unsaved changes. Leave and lose them?';

/** Whether moving from one hash to another leaves the graph being edited. */
export function leavesGraph(oldHash: string, newHash: string): boolean {
  const from = parseRoute(oldHash);
  const to = parseRoute(newHash);
  return from.page === 'editor' && (to.page !== 'editor' || to.graphId !== from.graphId);
}

/** The in-app link a click would follow, if any. */
function linkHashOf(event: MouseEvent): string | undefined {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
  const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
  return link?.getAttribute('href') ?? undefined;
}

/**
 * Warns before unsaved changes are lost: the browser's own prompt when the page unloads, and a
 * confirm when an in-app link, Back or a typed URL leaves the graph.
 *
 * Links are stopped before they navigate (a click re-renders the app, and the route re-reads
 * the hash on any render, before `hashchange` arrives). Back and typed URLs can only be caught
 * after the fact, so the URL is put back when the user stays. The prompt is the browser's
 * confirm because it must answer synchronously, inside the event.
 */
export function useLeaveGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const guardedUrl = window.location.href;
    const guardedHash = window.location.hash;
    let leaving = false;
    const mayLeave = (hash: string) =>
      leaving || !leavesGraph(guardedHash, hash) || (leaving = window.confirm(LEAVE_WARNING));
    const onClick = (event: MouseEvent) => {
      const hash = linkHashOf(event);
      if (hash !== undefined && !mayLeave(hash)) event.preventDefault();
    };
    const onHistory = () => {
      if (window.location.href === guardedUrl || mayLeave(window.location.hash)) return;
      window.history.replaceState(window.history.state, '', guardedUrl);
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium needs returnValue set to show the prompt.
      event.returnValue = '';
    };
    const capture = { capture: true };
    document.addEventListener('click', onClick, capture);
    window.addEventListener('popstate', onHistory, capture);
    window.addEventListener('hashchange', onHistory, capture);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('click', onClick, capture);
      window.removeEventListener('popstate', onHistory, capture);
      window.removeEventListener('hashchange', onHistory, capture);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty]);
}
