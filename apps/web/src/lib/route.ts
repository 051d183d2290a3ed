import { useSyncExternalStore } from 'react';

/** The screens of the app, addressed by the URL hash so reloads and links keep the place. */
export type Route =
  { page: 'graphs' } | { page: 'metrics' } | { page: 'editor'; graphId: string; runId?: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'graphs' && parts[1]) {
    return parts[2] === 'runs' && parts[3]
      ? { page: 'editor', graphId: parts[1], runId: parts[3] }
      : { page: 'editor', graphId: parts[1] };
  }
  if (parts[0] === 'metrics') return { page: 'metrics' };
  return { page: 'graphs' };
}

export function hrefOf(route: Route): string {
  if (route.page === 'graphs') return '#/';
  if (route.page === 'metrics') return '#/metrics';
  const base = `#/graphs/${encodeURIComponent(route.graphId)}`;
  return route.runId ? `${base}/runs/${encodeURIComponent(route.runId)}` : base;
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
