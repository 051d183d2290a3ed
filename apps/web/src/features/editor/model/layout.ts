import type { GraphDocument } from '@beluga/graph';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { XY } from './documentEdits';

export interface Size {
  width: number;
  height: number;
}

const DEFAULT_SIZE: Size = { width: 200, height: 80 };

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '80',
  'elk.spacing.nodeNode': '40',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

/** The ELK graph of a document: layered, left to right, each node at its measured size. */
export function elkGraphOf(document: GraphDocument, sizes: ReadonlyMap<string, Size>): ElkNode {
  const ids = new Set(document.nodes.map((node) => node.id));
  return {
    id: 'root',
    layoutOptions: LAYOUT_OPTIONS,
    children: document.nodes.map((node) => ({
      id: node.id,
      ...(sizes.get(node.id) ?? DEFAULT_SIZE),
    })),
    edges: document.edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
      .map((edge) => ({
        id: edge.id,
        sources: [edge.source],
        targets: [edge.target],
      })),
  };
}

/** Positions for every node, laid out by elkjs (loaded on first use: it is a large script). */
export async function layoutPositions(
  document: GraphDocument,
  sizes: ReadonlyMap<string, Size>,
): Promise<Map<string, XY>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const result = await new ELK().layout(elkGraphOf(document, sizes));
  const positions = new Map<string, XY>();
  for (const child of result.children ?? []) {
    positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  }
  return positions;
}
