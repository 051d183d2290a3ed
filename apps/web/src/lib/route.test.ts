import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, type Route } from './route';

describe('routes', () => {
  it.each<[string, Route]>([
    ['', { page: 'graphs' }],
    ['#/', { page: 'graphs' }],
    ['#/metrics', { page: 'metrics' }],
    ['#/graphs/g1', { page: 'editor', graphId: 'g1' }],
    ['#/graphs/g1/runs/r1', { page: 'editor', graphId: 'g1', runId: 'r1' }],
    ['#/invite/abc-_1', { page: 'invite', token: 'abc-_1' }],
    ['#/settings/workspace', { page: 'settings', section: 'workspace' }],
    ['#/settings/account', { page: 'settings', section: 'account' }],
    ['#/settings/other', { page: 'graphs' }],
    ['#/invite', { page: 'graphs' }],
  ])('reads %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('writes what it reads', () => {
    const routes: Route[] = [
      { page: 'invite', token: 'tok' },
      { page: 'settings', section: 'account' },
      { page: 'editor', graphId: 'g', runId: 'r' },
    ];
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
  });
});
