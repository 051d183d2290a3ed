import type { GraphEdge, GraphNode, GraphNote } from '@beluga/graph';
import { describe, expect, it } from 'vitest';
import type { NodeTypeInfo } from './catalogTypes';
import { estimateGeometry } from './nodeGeometry';
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

  it('gives unmeasured nodes of a big graph an estimated size and handles, never measured ones', () => {
    const spec = {
      inputs: [{ name: 'in', type: 'any' }],
      outputs: [
        { name: 'out', type: 'any' },
        { name: 'error', type: 'object' },
      ],
    } as unknown as NodeTypeInfo;
    const estimate = () => estimateGeometry(spec);
    const [fresh] = toFlowNodes([node('a')], [], [], estimate);
    // As Chromium lays GraphNodeView out: 224 px wide, 22 px per port row below the header.
    expect(fresh?.measured).toEqual({ width: 224, height: 104 });
    expect(fresh?.handles?.map((h) => [h.id, h.type, h.x, h.y])).toEqual([
      ['in', 'target', -4, 62],
      ['out', 'source', 218, 62],
      ['error', 'source', 218, 84],
    ]);
    const measured = { ...fresh!, measured: { width: 224, height: 130 }, handles: undefined };
    const [again] = toFlowNodes([{ ...node('a'), label: 'A' }], [], [measured], estimate);
    expect(again?.measured).toEqual({ width: 224, height: 130 });
    expect(again?.handles).toBeUndefined();
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
