import { describe, expect, it } from 'vitest';
import { leavesGraph } from './useLeaveGuard';

describe('leavesGraph', () => {
  it('is true when going from a graph to the list or to another graph', () => {
    expect(leavesGraph('#/graphs/a', '#/')).toBe(true);
    expect(leavesGraph('#/graphs/a', '#/graphs/b')).toBe(true);
  });
  it('is false within the same graph (a run view) and from the list', () => {
    expect(leavesGraph('#/graphs/a', '#/graphs/a/runs/r1')).toBe(false);
    expect(leavesGraph('#/graphs/a/runs/r1', '#/graphs/a')).toBe(false);
    expect(leavesGraph('#/', '#/graphs/a')).toBe(false);
  });
});
