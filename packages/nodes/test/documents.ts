import { GRAPH_FORMAT, GraphDocumentSchema, type GraphDocument } from '@beluga/graph';

type NodeSpec = [id: string, type: string, config?: Record<string, unknown>];

/**
 * A graph document from a compact description. Edges are `source.port->target.port`, the ports
 * defaulting to `out` and `in`: `'in->check'`, `'check.true->yes'`.
 */
export function graphDocument(
  nodes: NodeSpec[],
  edges: string[],
  name = 'test graph',
): GraphDocument {
  return GraphDocumentSchema.parse({
    format: GRAPH_FORMAT,
    id: name.replaceAll(' ', '-'),
    name,
    nodes: nodes.map(([id, type, config = {}], index) => ({
      id,
      type,
      config,
      position: { x: index * 200, y: 0 },
    })),
    edges: edges.map((edge, index) => {
      const [from = '', to = ''] = edge.split('->');
      const [source = '', sourcePort = 'out'] = from.split('.');
      const [target = '', targetPort = 'in'] = to.split('.');
      return { id: `e${index}`, source, sourcePort, target, targetPort };
    }),
  });
}
