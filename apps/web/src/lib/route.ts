import { useSyncExternalStore } from 'react';

export type SettingsSection = 'workspace' | 'account' | 'audit' | 'credentials';

/** The screens of the app, addressed by the URL hash so reloads and links keep the place. */
export type Route =
  | { page: 'graphs' }
  | { page: 'metrics' }
  | { page: 'editor'; graphId: string; runId?: string }
  | { page: 'invite'; token: string }
  | { page: 'settings'; section: SettingsSection }
  | { page: 'shared'; token: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'graphs' && parts[1]) {
    return parts[2] === 'runs' && parts[3]
      ? { page: 'editor', graphId: parts[1], runId: parts[3] }
      : { page: 'editor', graphId: parts[1] };
  }
  if (parts[0] === 'metrics') return { page: 'metrics' };
  if (parts[0] === 'invite' && parts[1]) return { page: 'invite', token: parts[1] };
  if (parts[0] === 'shared' && parts[1]) return { page: 'shared', token: parts[1] };
  if (
    parts[0] === 'settings' &&
    (parts[1] === 'workspace' ||
      parts[1] === 'account' ||
      parts[1] === 'audit' ||
      parts[1] === 'credentials')
  )
    return { page: 'settings', section: parts[1] };
  return { page: 'graphs' };
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'graphs':
      return '#/';
    case 'metrics':
      return '#/metrics';
    case 'invite':
      return `#/invite/${encodeURIComponent(route.token)}`;
    case 'settings':
      return `#/settings/${route.section}`;
    case 'shared':
      return `#/shared/${encodeURIComponent(route.token)}`;
    case 'editor': {
      const base = `#/graphs/${encodeURIComponent(route.graphId)}`;
      return route.runId ? `${base}/runs/${encodeURIComponent(route.runId)}` : base;
    }
  }
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
