import type { GraphDocument, GraphEdge, GraphNode, GraphNote } from '@beluga/graph';
import { valueChanges, type ValueChange } from './valueChanges';

/** How a node or an edge differs between the two versions compared; `moved`: position only. */
export type DiffState = 'added' | 'removed' | 'changed' | 'moved' | 'unchanged';

export interface ElementDiff {
  state: DiffState;
  /** For a changed or moved element: each value that differs (`config.ms`, `label`, `position`…). */
  changes: ValueChange[];
}

export type DiffCounts = Record<Exclude<DiffState, 'unchanged'>, number>;

/** Two versions of a graph side by side: what to draw, and how each element differs. */
export interface VersionComparison {
  /**
   * The union of both versions, drawn read-only: the newer side's graph, its nodes and edges,
   * with what only the older side has (removed) placed where it was and drawn underneath.
   */
  document: GraphDocument;
  nodes: ReadonlyMap<string, ElementDiff>;
  edges: ReadonlyMap<string, ElementDiff>;
  /** The graph's own values that differ: name, description, settings, notes. */
  properties: ValueChange[];
  counts: { nodes: DiffCounts; edges: DiffCounts };
}

function stateOf(changes: ValueChange[]): DiffState {
  if (changes.length === 0) return 'unchanged';
  return changes.every((change) => change.path === 'position') ? 'moved' : 'changed';
}

/** A node's changes; its position is one value (x and y together), listed last. */
function nodeChanges(before: GraphNode, after: GraphNode): ValueChange[] {
  const { id: _before, position: from, ...restBefore } = before;
  const { id: _after, position: to, ...restAfter } = after;
  const moved = from.x !== to.x || from.y !== to.y;
  return [
    ...valueChanges(restBefore, restAfter),
    ...(moved ? [{ path: 'position', before: from, after: to }] : []),
  ];
}

function edgeChanges(before: GraphEdge, after: GraphEdge): ValueChange[] {
  const { id: _before, ...restBefore } = before;
  const { id: _after, ...restAfter } = after;
  return valueChanges(restBefore, restAfter);
}

interface ElementsDiff<T> {
  union: T[];
  diffs: Map<string, ElementDiff>;
}

function diffElements<T extends { id: string }>(
  from: readonly T[],
  to: readonly T[],
  changesOf: (before: T, after: T) => ValueChange[],
): ElementsDiff<T> {
  const before = new Map(from.map((item) => [item.id, item]));
  const kept = new Set(to.map((item) => item.id));
  const removed = from.filter((item) => !kept.has(item.id));
  const diffs = new Map<string, ElementDiff>();
  for (const item of removed) diffs.set(item.id, { state: 'removed', changes: [] });
  for (const item of to) {
    const old = before.get(item.id);
    const changes = old ? changesOf(old, item) : [];
    diffs.set(item.id, old ? { state: stateOf(changes), changes } : { state: 'added', changes });
  }
  return { union: [...removed, ...to], diffs };
}

function countStates(diffs: ReadonlyMap<string, ElementDiff>): DiffCounts {
  const counts: DiffCounts = { added: 0, removed: 0, changed: 0, moved: 0 };
  for (const { state } of diffs.values()) if (state !== 'unchanged') counts[state] += 1;
  return counts;
}

const notesById = (notes: readonly GraphNote[] | undefined) =>
  Object.fromEntries((notes ?? []).map(({ id, ...note }) => [id, note]));

function graphValues(document: GraphDocument) {
  const { name, description, settings, notes } = document;
  return { name, description, settings, notes: notesById(notes) };
}

/** What turns `from` into `to`: "added" is only in `to`, "removed" only in `from`. */
export function compareDocuments(from: GraphDocument, to: GraphDocument): VersionComparison {
  const nodes = diffElements(from.nodes, to.nodes, nodeChanges);
  const edges = diffElements(from.edges, to.edges, edgeChanges);
  return {
    document: { ...to, nodes: nodes.union, edges: edges.union },
    nodes: nodes.diffs,
    edges: edges.diffs,
    properties: valueChanges(graphValues(from), graphValues(to)),
    counts: { nodes: countStates(nodes.diffs), edges: countStates(edges.diffs) },
  };
}

function countLine(noun: string, counts: DiffCounts): string | undefined {
  const parts = (['added', 'removed', 'changed', 'moved'] as const)
    .filter((state) => counts[state] > 0)
    .map((state) => `${counts[state]} ${state}`);
  return parts.length > 0 ? `${noun}: ${parts.join(', ')}` : undefined;
}

/** One line for people: "Nodes: 1 added, 1 changed; Edges: 1 removed; also name". */
export function summarizeComparison(comparison: VersionComparison): string {
  const graph = [...new Set(comparison.properties.map((change) => change.path.split('.')[0]))];
  const parts = [
    countLine('Nodes', comparison.counts.nodes),
    countLine('Edges', comparison.counts.edges),
    graph.length > 0 ? `also ${graph.join(', ')}` : undefined,
  ].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join('; ') : 'No differences';
}
