import type { GraphEdge, GraphNode } from '@beluga/graph';
import { describe, expect, it } from 'vitest';
import { toFlowEdges, toFlowNodes } from './toFlow';

const node = (id: string, x = 0): GraphNode => ({
  id,
  type: 'transform',
  position: { x, y: 0 },
  config: {},
  continueOnError: false,
});

describe('document ⇄ React Flow', () => {
  it('reuses flow nodes whose document node is unchanged, keeping selection and size', () => {
    const a = node('a');
    const b = node('b');
    const first = toFlowNodes([a, b], []).map((n) => (n.id === 'a' ? { ...n, selected: true } : n));
    const moved = { ...b, position: { x: 50, y: 0 } };
    const second = toFlowNodes([a, moved], first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]).toMatchObject({
      id: 'b',
      type: 'graph',
      position: { x: 50, y: 0 },
      data: { node: moved },
    });
    expect(second[0]?.selected).toBe(true);
  });

  it('gives edges their ports as handle ids', () => {
    const edge: GraphEdge = {
      id: 'e',
      source: 'a',
      sourcePort: 'true',
      target: 'b',
      targetPort: 'in',
    };
    expect(toFlowEdges([edge], [])[0]).toMatchObject({
      id: 'e',
      source: 'a',
      sourceHandle: 'true',
      target: 'b',
      targetHandle: 'in',
    });
  });
});
