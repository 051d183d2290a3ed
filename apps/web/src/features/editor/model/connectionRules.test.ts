import type { GraphDocument } from '@beluga/graph';
import { describe, expect, it } from 'vitest';
import { catalogOf, type NodeTypeInfo } from './catalogTypes';
import { connectionRefusal } from './connectionRules';

function type(
  name: string,
  inputs: NodeTypeInfo['inputs'],
  outputs: NodeTypeInfo['outputs'],
): NodeTypeInfo {
  return {
    type: name,
    inputs,
    outputs,
    ui: { title: name, category: 'Data', icon: 'box', description: '', defaultConfig: {} },
    configSchema: {},
  };
}

const catalog = catalogOf([
  type('src', [], [{ name: 'out', type: 'object' }]),
  type('text', [{ name: 'in', type: 'string', required: true }], [{ name: 'out', type: 'any' }]),
  type('one', [{ name: 'in', type: 'any' }], [{ name: 'out', type: 'any' }]),
  type('many', [{ name: 'in', type: 'any', multiple: true }], [{ name: 'out', type: 'any' }]),
]);

function doc(nodes: [string, string][], edges: [string, string][] = []): GraphDocument {
  return {
    format: 'beluga.graph/v1',
    id: 'g',
    name: 'g',
    description: '',
    nodes: nodes.map(([id, t]) => ({
      id,
      type: t,
      position: { x: 0, y: 0 },
      config: {},
      continueOnError: false,
    })),
    edges: edges.map(([s, t]) => ({
      id: `${s}-${t}`,
      source: s,
      sourcePort: 'out',
      target: t,
      targetPort: 'in',
    })),
    notes: [],
    settings: { maxWorkers: 16, defaultExecutor: 'local' },
  };
}

const edge = (source: string, target: string) => ({
  source,
  sourcePort: 'out',
  target,
  targetPort: 'in',
});

describe('connectionRefusal', () => {
  it('allows compatible ports', () => {
    expect(
      connectionRefusal(
        doc([
          ['a', 'src'],
          ['b', 'one'],
        ]),
        catalog,
        edge('a', 'b'),
      ),
    ).toBeUndefined();
  });

  it('refuses incompatible port types, naming both', () => {
    const reason = connectionRefusal(
      doc([
        ['a', 'src'],
        ['b', 'text'],
      ]),
      catalog,
      edge('a', 'b'),
    );
    expect(reason).toContain('gives object');
    expect(reason).toContain('takes string');
  });

  it('refuses a second edge into a single-value port, not into a multiple one', () => {
    const single = doc(
      [
        ['a', 'src'],
        ['x', 'one'],
        ['b', 'one'],
      ],
      [['a', 'b']],
    );
    expect(connectionRefusal(single, catalog, edge('x', 'b'))).toContain('takes one edge');
    const multiple = doc(
      [
        ['a', 'src'],
        ['x', 'one'],
        ['b', 'many'],
      ],
      [['a', 'b']],
    );
    expect(connectionRefusal(multiple, catalog, edge('x', 'b'))).toBeUndefined();
    expect(connectionRefusal(multiple, catalog, edge('a', 'b'))).toContain('already connected');
  });

  it('refuses self loops, cycles and unknown ports', () => {
    const chain = doc(
      [
        ['a', 'one'],
        ['b', 'one'],
        ['c', 'one'],
      ],
      [
        ['a', 'b'],
        ['b', 'c'],
      ],
    );
    expect(connectionRefusal(chain, catalog, edge('a', 'a'))).toContain('itself');
    expect(connectionRefusal(chain, catalog, edge('c', 'a'))).toContain('cycle');
    expect(connectionRefusal(chain, catalog, { ...edge('a', 'c'), targetPort: 'nope' })).toContain(
      'no input "nope"',
    );
  });
});
