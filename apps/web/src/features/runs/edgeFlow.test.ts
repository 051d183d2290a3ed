import { describe, expect, it } from 'vitest';
import { edgeFlowOf, updateEdgeFlow } from './edgeFlow';
import type { NodeRunState, RunEdge } from './runTypes';

const edges: RunEdge[] = [
  { id: 'e1', source: 'a', sourcePort: 'out', target: 'b' },
  { id: 'e2', source: 'b', sourcePort: 'out', target: 'c' },
  { id: 'e3', source: 'x', sourcePort: 'out', target: 'y' },
];

function state(nodeId: string, status: NodeRunState['status'], output?: unknown): NodeRunState {
  return { nodeId, type: 't', status, attempt: 1, progress: [], output };
}

describe('updateEdgeFlow', () => {
  it('gives what edgeFlowOf gives, looking only at the edges of the touched nodes', () => {
    const before = { a: state('a', 'succeeded', 1), b: state('b', 'queued') };
    const flows = edgeFlowOf(before, edges);
    const after = { ...before, b: state('b', 'succeeded', 2), c: state('c', 'running') };
    const next = updateEdgeFlow(flows, after, edges, ['b', 'c']);
    expect(next).toEqual(edgeFlowOf(after, edges));
    expect(next).toEqual({ e1: 'delivered', e2: 'flowing' });
    expect(flows).toEqual({ e1: 'delivered' });
  });

  it('keeps the same record when no edge changed', () => {
    const nodes = { a: state('a', 'running') };
    const flows = edgeFlowOf(nodes, edges);
    expect(updateEdgeFlow(flows, nodes, edges, ['a', 'x'])).toBe(flows);
  });
});
