import type { GraphEdge, GraphNode, GraphNote } from '@beluga/graph';
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
    const first = toFlowNodes([a, b], [], []).map((n) =>
      n.id === 'a' ? { ...n, selected: true } : n,
    );
    const moved = { ...b, position: { x: 50, y: 0 } };
    const second = toFlowNodes([a, moved], [], first);
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

  it('maps notes to note flow nodes under the graph nodes, sized, with no ports to connect', () => {
    const note: GraphNote = {
      id: 'n',
      text: 'Why\nthis graph',
      position: { x: 5, y: 6 },
      size: { width: 300, height: 90 },
      color: 'blue',
    };
    const bare: GraphNote = { id: 'a', text: '', position: { x: 0, y: 0 }, color: 'yellow' };
    const flow = toFlowNodes([node('a')], [note, bare], []);
    expect(flow.map((n) => [n.id, n.type])).toEqual([
      ['note:n', 'note'],
      ['note:a', 'note'],
      ['a', 'graph'],
    ]);
    expect(flow[0]).toMatchObject({
      position: { x: 5, y: 6 },
      width: 300,
      height: 90,
      connectable: false,
      ariaLabel: 'Note: Why',
      data: { note },
    });
    expect(flow[1]).toMatchObject({ width: 200, height: 140, ariaLabel: 'Empty note' });

    const recoloured = { ...note, color: 'pink' as const };
    const again = toFlowNodes([node('a')], [recoloured, bare], flow);
    expect(again[1]).toBe(flow[1]);
    expect(again[0]).not.toBe(flow[0]);
    expect(again[0]?.data).toEqual({ note: recoloured });
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
