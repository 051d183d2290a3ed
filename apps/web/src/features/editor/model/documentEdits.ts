import type { GraphDocument, GraphEdge, GraphNode } from '@beluga/graph';
import type { NodeTypeInfo } from './catalogTypes';
import { uniqueId } from './ids';

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

/** Removes nodes (and every edge touching them) and edges. */
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
    nodes: document.nodes.filter((n) => !nodes.has(n.id)),
    edges: document.edges.filter(
      (e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target),
    ),
  };
}

/** Moves nodes; untouched nodes keep their object identity (memoized components skip them). */
export function moveNodes(
  document: GraphDocument,
  positions: ReadonlyMap<string, XY>,
): GraphDocument {
  let changed = false;
  const nodes = document.nodes.map((node) => {
    const to = positions.get(node.id);
    if (!to) return node;
    const position = { x: Math.round(to.x), y: Math.round(to.y) };
    if (position.x === node.position.x && position.y === node.position.y) return node;
    changed = true;
    return { ...node, position };
  });
  return changed ? { ...document, nodes } : document;
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
