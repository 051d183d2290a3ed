import type { GraphDocument } from '@beluga/graph';
import { stableJson } from '../history/stableJson';

interface ChangedItem {
  id: string;
  /** The top-level fields that differ, e.g. `config`, `position`. */
  fields: string[];
}

export interface CollectionDiff {
  added: string[];
  removed: string[];
  changed: ChangedItem[];
}

/** What differs between two documents, by node and edge id. */
export interface DocumentDiff {
  nodes: CollectionDiff;
  edges: CollectionDiff;
  /** Document-level fields that differ: `name`, `description`, `settings`. */
  properties: string[];
}

function changedFields(from: object, to: object): string[] {
  const keys = new Set([...Object.keys(from), ...Object.keys(to)]);
  return [...keys]
    .filter(
      (key) =>
        stableJson((from as Record<string, unknown>)[key]) !==
        stableJson((to as Record<string, unknown>)[key]),
    )
    .sort();
}

function diffById<T extends { id: string }>(from: T[], to: T[]): CollectionDiff {
  const before = new Map(from.map((item) => [item.id, item]));
  const after = new Map(to.map((item) => [item.id, item]));
  const changed: ChangedItem[] = [];
  for (const [id, item] of after) {
    const old = before.get(id);
    const fields = old ? changedFields(old, item) : [];
    if (fields.length > 0) changed.push({ id, fields });
  }
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed,
  };
}

/** The changes that turn `from` into `to`. */
export function diffDocuments(from: GraphDocument, to: GraphDocument): DocumentDiff {
  const properties = (['name', 'description', 'settings'] as const).filter(
    (key) => stableJson(from[key]) !== stableJson(to[key]),
  );
  return {
    nodes: diffById(from.nodes, to.nodes),
    edges: diffById(from.edges, to.edges),
    properties,
  };
}

const sizeOf = (part: CollectionDiff) =>
  part.added.length + part.removed.length + part.changed.length;

export function isEmptyDiff(diff: DocumentDiff): boolean {
  return sizeOf(diff.nodes) + sizeOf(diff.edges) + diff.properties.length === 0;
}

function countPart(noun: string, part: CollectionDiff): string | undefined {
  const bits = [
    part.added.length ? `${part.added.length} added` : '',
    part.removed.length ? `${part.removed.length} removed` : '',
    part.changed.length ? `${part.changed.length} changed` : '',
  ].filter(Boolean);
  return bits.length ? `${noun}: ${bits.join(', ')}` : undefined;
}

/** One line for people: "Nodes: 1 added, 2 changed; Edges: 1 removed; name changed". */
export function summarizeDiff(diff: DocumentDiff): string {
  if (isEmptyDiff(diff)) return 'No differences';
  return [
    countPart('Nodes', diff.nodes),
    countPart('Edges', diff.edges),
    diff.properties.length ? `${diff.properties.join(', ')} changed` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
}
