import {
  createGraph,
  OrchestratorError,
  type Graph,
  type GraphOptions,
  type NodeOptions,
} from '@beluga/orchestration';
import type { NodeCatalog, NodeTypeSpec } from './catalog.js';
import type { GraphDocument, GraphNode } from './document.js';
import { validate } from './validate.js';

export interface CompileOptions {
  /**
   * Makes the empty graph compile() fills, from the document's name and settings. Default: the
   * engine's `createGraph`; an orchestrator's `createGraph` makes its counters and `check()` see
   * the graph's runs (its own defaults apply to what the document leaves unset).
   */
  createGraph?: (options: GraphOptions) => Graph;
}

/**
 * Turns a valid document into an executable graph of `@beluga/orchestration`. Throws
 * VALIDATION_FAILED with every problem in `details.problems` when validate() finds any.
 *
 * @example
 * const graph = compile(document, catalog);
 * const output = await graph.invoke({ url: 'https://example.test' }, { onEvent });
 * // Counted by an orchestrator:
 * compile(document, catalog, { createGraph: (options) => orchestrator.createGraph(options) });
 */
export function compile(
  document: GraphDocument,
  catalog: NodeCatalog,
  options: CompileOptions = {},
): Graph {
  const { problems } = validate(document, catalog);
  if (problems.length > 0) {
    throw new OrchestratorError({
      code: 'VALIDATION_FAILED',
      op: 'graph.compile',
      message: `The graph "${document.name}" has ${problems.length} problem(s): ${problems[0]?.message ?? ''}`,
      details: { problems },
    });
  }
  const { settings } = document;
  const graph = (options.createGraph ?? createGraph)({
    name: document.name,
    maxWorkers: settings.maxWorkers,
    ...(settings.runTimeoutMs === undefined ? {} : { timeoutMs: settings.runTimeoutMs }),
  });
  const entries: string[] = [];
  const finishes: string[] = [];
  for (const node of document.nodes) {
    const spec = catalog.get(node.type) as NodeTypeSpec;
    addNode(graph, node, spec);
    if (spec.role === 'input') entries.push(node.id);
    if (spec.role === 'output') finishes.push(node.id);
  }
  for (const edge of document.edges) {
    graph.addEdge(edge.source, edge.target, {
      sourcePort: edge.sourcePort,
      targetPort: edge.targetPort,
    });
  }
  return graph.setEntryPoint(...entries).setFinishPoint(...finishes);
}

function addNode(graph: Graph, node: GraphNode, spec: NodeTypeSpec): void {
  const run = spec.run;
  if (!run) {
    throw new OrchestratorError({
      code: 'INVALID_STATE',
      op: 'graph.compile',
      message: `Node type "${spec.type}" of node "${node.id}" cannot run here`,
      field: node.id,
    });
  }
  const config: unknown = spec.config.parse(node.config);
  graph.addNode(
    node.id,
    (input, context) => run({ input, config, context }),
    nodeOptions(node, spec),
  );
}

/** Declares ports only when they differ from the engine's default single `in` and `out`. */
function nodeOptions(node: GraphNode, spec: NodeTypeSpec): NodeOptions {
  const inputs = spec.inputs.map((port) => port.name);
  const outputs = spec.outputs.map((port) => port.name);
  return {
    ...(inputs.length === 1 && inputs[0] === 'in' ? {} : inputs.length > 0 ? { inputs } : {}),
    ...(outputs.length === 1 && outputs[0] === 'out' ? {} : outputs.length > 0 ? { outputs } : {}),
    ...(spec.join ? { join: spec.join } : {}),
    ...(node.timeoutMs === undefined ? {} : { timeoutMs: node.timeoutMs }),
    ...(node.retry ? { retries: node.retry } : {}),
    ...(node.continueOnError ? { continueOnError: true } : {}),
  };
}
