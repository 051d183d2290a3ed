import type { GraphDocument } from '@beluga/graph';
import { describe, expect, it } from 'vitest';
import { diffDocuments, isEmptyDiff, summarizeDiff } from './documentDiff';

function node(id: string, extra: Partial<GraphDocument['nodes'][number]> = {}) {
  return {
    id,
    type: 'transform',
    position: { x: 0, y: 0 },
    config: {},
    continueOnError: false,
    ...extra,
  };
}

function edge(id: string, source: string, target: string) {
  return { id, source, sourcePort: 'out', target, targetPort: 'in' };
}

const base: GraphDocument = {
  format: 'beluga.graph/v1',
  id: 'g',
  name: 'Graph',
  description: '',
  notes: [],
  settings: { maxWorkers: 16, defaultExecutor: 'local' },
  nodes: [node('a'), node('b', { config: { x: 1, y: [1, 2] } }), node('c')],
  edges: [edge('a-b', 'a', 'b'), edge('b-c', 'b', 'c')],
};

describe('diffDocuments', () => {
  it('finds nothing between a document and itself or a copy with reordered keys', () => {
    const reordered = structuredClone(base);
    reordered.nodes[1]!.config = { y: [1, 2], x: 1 };
    expect(isEmptyDiff(diffDocuments(base, base))).toBe(true);
    expect(isEmptyDiff(diffDocuments(base, reordered))).toBe(true);
    expect(summarizeDiff(diffDocuments(base, reordered))).toBe('No differences');
  });

  it('lists added, removed and changed nodes and edges by id, with the changed fields', () => {
    const next = structuredClone(base);
    next.nodes = [
      node('a', { position: { x: 10, y: 0 } }),
      node('b', { config: { x: 2, y: [1, 2] }, label: 'B' }),
      node('d'),
    ];
    next.edges = [edge('a-b', 'a', 'd'), edge('a-d', 'a', 'd')];
    const diff = diffDocuments(base, next);
    expect(diff.nodes).toEqual({
      added: ['d'],
      removed: ['c'],
      changed: [
        { id: 'a', fields: ['position'] },
        { id: 'b', fields: ['config', 'label'] },
      ],
    });
    expect(diff.edges).toEqual({
      added: ['a-d'],
      removed: ['b-c'],
      changed: [{ id: 'a-b', fields: ['target'] }],
    });
    expect(diff.properties).toEqual([]);
    expect(summarizeDiff(diff)).toBe(
      'Nodes: 1 added, 1 removed, 2 changed; Edges: 1 added, 1 removed, 1 changed',
    );
  });

  it('notices name, description and settings changes', () => {
    const next = {
      ...base,
      name: 'Renamed',
      settings: { ...base.settings, maxWorkers: 4 },
    };
    const diff = diffDocuments(base, next);
    expect(diff.properties).toEqual(['name', 'settings']);
    expect(isEmptyDiff(diff)).toBe(false);
    expect(summarizeDiff(diff)).toBe('name, settings changed');
  });

  it('does not count an absent optional field as different from an undefined one', () => {
    const next = structuredClone(base);
    next.nodes[0] = { ...node('a'), label: undefined };
    expect(isEmptyDiff(diffDocuments(base, next))).toBe(true);
  });
});
