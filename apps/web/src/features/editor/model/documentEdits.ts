import type { GraphDocument, GraphEdge, GraphNode } from '@beluga/graph';
import type { NodeTypeInfo } from './catalogTypes';
import { uniqueId } from './ids';
import { noteFlowId, notesOf } from './notes';

export interface Connection {
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

export interface XY {
  x: number;
  y: number;
}

/** Adds a node of `type` with its default config; returns the new document and the node's id. */
export function addNode(
  document: GraphDocument,
  type: NodeTypeInfo,
  position: XY,
): { document: GraphDocument; id: string } {
  const id = uniqueId(type.type.replace(/\./g, '-'), new Set(document.nodes.map((n) => n.id)));
  const node: GraphNode = {
    id,
    type: type.type,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    config: structuredClone(type.ui.defaultConfig) as GraphNode['config'],
    continueOnError: false,
  };
  return { document: { ...document, nodes: [...document.nodes, node] }, id };
}

export function connect(document: GraphDocument, connection: Connection): GraphDocument {
  const id = uniqueId(
    `${connection.source}-${connection.target}`,
    new Set(document.edges.map((e) => e.id)),
  );
  const edge: GraphEdge = { id, ...connection };
  return { ...document, edges: [...document.edges, edge] };
}

/** Removes nodes (and every edge touching them), notes (by flow id) and edges. */
export function removeElements(
  document: GraphDocument,
  nodeIds: Iterable<string>,
  edgeIds: Iterable<string> = [],
): GraphDocument {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (nodes.size === 0 && edges.size === 0) return document;
  return {
    ...document,
    notes: notesOf(document).filter((n) => !nodes.has(noteFlowId(n.id))),
    nodes: document.nodes.filter((n) => !nodes.has(n.id)),
    edges: document.edges.filter(
      (e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target),
    ),
  };
}

/** `items` with new positions; untouched items keep their identity, and so does the array. */
function moved<T extends { position: XY }>(items: T[], to: (item: T) => XY | undefined): T[] {
  let changed = false;
  const next = items.map((item) => {
    const at = to(item);
    if (!at) return item;
    const position = { x: Math.round(at.x), y: Math.round(at.y) };
    if (position.x === item.position.x && position.y === item.position.y) return item;
    changed = true;
    return { ...item, position };
  });
  return changed ? next : items;
}

/**
 * Moves nodes and notes (keyed by flow id); untouched ones keep their object identity, so
 * memoized components skip them.
 */
export function moveNodes(
  document: GraphDocument,
  positions: ReadonlyMap<string, XY>,
): GraphDocument {
  const notes = notesOf(document);
  const nextNodes = moved(document.nodes, (node) => positions.get(node.id));
  const nextNotes = moved(notes, (note) => positions.get(noteFlowId(note.id)));
  if (nextNodes === document.nodes && nextNotes === notes) return document;
  return { ...document, nodes: nextNodes, notes: nextNotes };
}

export function updateNode(
  document: GraphDocument,
  id: string,
  change: (node: GraphNode) => GraphNode,
): GraphDocument {
  return {
    ...document,
    nodes: document.nodes.map((node) => (node.id === id ? change(node) : node)),
  };
}
