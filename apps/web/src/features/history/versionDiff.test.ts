import type { GraphDocument, GraphEdge, GraphNode } from '@beluga/graph';
import { describe, expect, it } from 'vitest';
import { formatChange } from './valueChanges';
import { compareDocuments, summarizeComparison, type ElementDiff } from './versionDiff';

function node(id: string, extra: Partial<GraphNode> = {}): GraphNode {
  return {
    id,
    type: 'transform',
    position: { x: 0, y: 0 },
    config: {},
    continueOnError: false,
    ...extra,
  };
}

function edge(id: string, source: string, target: string, extra: Partial<GraphEdge> = {}) {
  return { id, source, sourcePort: 'out', target, targetPort: 'in', ...extra };
}

const base: GraphDocument = {
  format: 'beluga.graph/v1',
  id: 'g',
  name: 'Graph',
  description: '',
  notes: [],
  settings: { maxWorkers: 16, defaultExecutor: 'local' },
  nodes: [
    node('a'),
    node('b', { config: { url: 'https://a.test', headers: { Accept: 'json' }, tags: [1, 2] } }),
    node('c', { label: 'Cee' }),
  ],
  edges: [edge('a-b', 'a', 'b'), edge('b-c', 'b', 'c')],
};

const states = (diffs: ReadonlyMap<string, ElementDiff>) =>
  Object.fromEntries([...diffs].map(([id, diff]) => [id, diff.state]));

const changesOf = (diffs: ReadonlyMap<string, ElementDiff>, id: string) =>
  diffs.get(id)?.changes.map(formatChange);

describe('compareDocuments', () => {
  it('marks nothing between a version and a copy with its keys in another order', () => {
    const copy = structuredClone(base);
    copy.nodes[1]!.config = { tags: [1, 2], headers: { Accept: 'json' }, url: 'https://a.test' };
    const comparison = compareDocuments(base, copy);
    expect(states(comparison.nodes)).toEqual({ a: 'unchanged', b: 'unchanged', c: 'unchanged' });
    expect(states(comparison.edges)).toEqual({ 'a-b': 'unchanged', 'b-c': 'unchanged' });
    expect(comparison.properties).toEqual([]);
    expect(summarizeComparison(comparison)).toBe('No differences');
  });

  it('draws the union: removed nodes and edges as they were, underneath, then the newer version', () => {
    const next = structuredClone(base);
    next.nodes = [node('a'), node('b', base.nodes[1]), node('d', { position: { x: 9, y: 9 } })];
    next.edges = [edge('a-b', 'a', 'b'), edge('b-d', 'b', 'd')];
    const comparison = compareDocuments(base, next);
    expect(comparison.document.nodes.map((n) => n.id)).toEqual(['c', 'a', 'b', 'd']);
    expect(comparison.document.nodes[0]).toEqual(base.nodes[2]);
    expect(comparison.document.edges.map((e) => e.id)).toEqual(['b-c', 'a-b', 'b-d']);
    expect(states(comparison.nodes)).toEqual({
      a: 'unchanged',
      b: 'unchanged',
      c: 'removed',
      d: 'added',
    });
    expect(states(comparison.edges)).toEqual({
      'a-b': 'unchanged',
      'b-c': 'removed',
      'b-d': 'added',
    });
    expect(comparison.counts.nodes).toEqual({ added: 1, removed: 1, changed: 0, moved: 0 });
    expect(summarizeComparison(comparison)).toBe(
      'Nodes: 1 added, 1 removed; Edges: 1 added, 1 removed',
    );
  });

  it('names each config key that changed, nested ones by their path, arrays as a whole', () => {
    const next = structuredClone(base);
    next.nodes[1]!.config = {
      url: 'https://b.test',
      headers: { Accept: 'json', 'X-Trace': '1' },
      tags: [1, 2, 3],
    };
    const comparison = compareDocuments(base, next);
    expect(comparison.nodes.get('b')?.state).toBe('changed');
    expect(changesOf(comparison.nodes, 'b')).toEqual([
      'config.headers.X-Trace: (none) → "1"',
      'config.tags: [1,2] → [1,2,3]',
      'config.url: "https://a.test" → "https://b.test"',
    ]);
    expect(comparison.nodes.get('b')?.changes[0]).toEqual({
      path: 'config.headers.X-Trace',
      before: undefined,
      after: '1',
    });
  });

  it('tells a move from a change: position only is "moved", with anything else "changed"', () => {
    const next = structuredClone(base);
    next.nodes[0]!.position = { x: 150, y: 100.4 };
    next.nodes[1]!.position = { x: 10, y: 0 };
    next.nodes[1]!.continueOnError = true;
    const comparison = compareDocuments(base, next);
    expect(comparison.nodes.get('a')).toEqual({
      state: 'moved',
      changes: [{ path: 'position', before: { x: 0, y: 0 }, after: { x: 150, y: 100.4 } }],
    });
    expect(changesOf(comparison.nodes, 'a')).toEqual(['position: (0, 0) → (150, 100)']);
    expect(comparison.nodes.get('b')?.state).toBe('changed');
    expect(changesOf(comparison.nodes, 'b')).toEqual([
      'continueOnError: false → true',
      'position: (0, 0) → (10, 0)',
    ]);
    expect(comparison.counts.nodes).toEqual({ added: 0, removed: 0, changed: 1, moved: 1 });
    expect(summarizeComparison(comparison)).toBe('Nodes: 1 changed, 1 moved');
  });

  it('lists a renamed, relabelled or retyped node, and a label taken away', () => {
    const next = structuredClone(base);
    next.nodes[0] = node('a', { label: 'Fetch' });
    next.nodes[2] = node('c', { type: 'delay' });
    const comparison = compareDocuments(base, next);
    expect(changesOf(comparison.nodes, 'a')).toEqual(['label: (none) → "Fetch"']);
    expect(changesOf(comparison.nodes, 'c')).toEqual([
      'label: "Cee" → (none)',
      'type: "transform" → "delay"',
    ]);
  });

  it('marks an edge whose ports or ends changed, keeping its id', () => {
    const next = structuredClone(base);
    next.edges = [
      edge('a-b', 'a', 'b', { sourcePort: 'error' }),
      edge('b-c', 'b', 'a', { targetPort: 'left' }),
    ];
    const comparison = compareDocuments(base, next);
    expect(states(comparison.edges)).toEqual({ 'a-b': 'changed', 'b-c': 'changed' });
    expect(changesOf(comparison.edges, 'a-b')).toEqual(['sourcePort: "out" → "error"']);
    expect(changesOf(comparison.edges, 'b-c')).toEqual([
      'target: "c" → "a"',
      'targetPort: "in" → "left"',
    ]);
    expect(comparison.document.edges).toEqual(next.edges);
  });

  it("lists the graph's own changes: name, settings by key, notes by id", () => {
    const next: GraphDocument = {
      ...structuredClone(base),
      name: 'Renamed',
      settings: { maxWorkers: 4, defaultExecutor: 'local' },
      notes: [{ id: 'n1', text: 'Why', position: { x: 0, y: 0 }, color: 'yellow' }],
    };
    const comparison = compareDocuments(base, next);
    expect(comparison.properties.map((change) => change.path)).toEqual([
      'name',
      'notes.n1',
      'settings.maxWorkers',
    ]);
    expect(summarizeComparison(comparison)).toBe('also name, notes, settings');
  });

  it('cuts long values short in a line of text', () => {
    const next = structuredClone(base);
    next.nodes[0]!.config = { prompt: 'x'.repeat(100) };
    const [line] = changesOf(compareDocuments(base, next).nodes, 'a') ?? [];
    expect(line).toBe(`config.prompt: (none) → "${'x'.repeat(38)}…`);
  });
});
