import { compile, type GraphDocument, type NodeCatalog } from '@beluga/graph';
import { OrchestratorError, type RunEvent } from '@beluga/orchestration';
import { z } from 'zod';
import { defineNodeType, type NodeType } from './types.js';

/**
 * Finds the document a subgraph node refers to: a graph id on the server (of the run's
 * workspace), a file in the CLI. `runId` is the asking run's (`<run id>/<node id>` inside a
 * subgraph).
 */
export type GraphResolver = (
  ref: string,
  options: { signal: AbortSignal; from: readonly string[]; runId: string },
) => GraphDocument | Promise<GraphDocument>;

export const SubgraphConfigSchema = z
  .object({
    /** The graph to run: a graph id on the server, a path relative to the graph file in the CLI. */
    graph: z.string().min(1).max(2000),
  })
  .strict();

export interface SubgraphNodeOptions {
  resolve: GraphResolver;
  /** The catalog inner graphs compile with, given the chain of subgraphs being run. */
  catalogFor: (stack: readonly string[]) => NodeCatalog;
  /** The subgraph references already being run around this node (outermost first). */
  stack?: readonly string[];
  /** How deep subgraphs may nest. Default 8. */
  maxDepth?: number;
}

const FORWARDED = new Set<RunEvent['type']>([
  'node.started',
  'node.retrying',
  'node.succeeded',
  'node.failed',
  'node.skipped',
  'node.waiting',
]);

function refuse(code: 'VALIDATION_FAILED' | 'RESOURCE_EXHAUSTED', message: string, ref: string) {
  return new OrchestratorError({
    code,
    op: 'node:subgraph',
    message,
    field: 'graph',
    details: { ref },
    retryable: false,
  });
}

/**
 * Runs another graph document with this node's input as its run input; the inner graph's output
 * is this node's output. Inner node state changes arrive as this node's progress events, and an
 * inner approval waits under the run id `<run id>/<node id>`.
 */
export function createSubgraphNode(options: SubgraphNodeOptions): NodeType {
  const stack = options.stack ?? [];
  const maxDepth = options.maxDepth ?? 8;
  return defineNodeType({
    type: 'subgraph',
    inputs: [{ name: 'in', type: 'any' }],
    outputs: [{ name: 'out', type: 'any' }],
    config: SubgraphConfigSchema,
    ui: {
      title: 'Subgraph',
      category: 'Flow',
      icon: 'workflow',
      description: 'Runs another graph with this input; its output comes out here.',
      defaultConfig: { graph: '' },
    },
    run: async ({ input, config, context }) => {
      const ref = config.graph;
      if (stack.includes(ref))
        throw refuse('VALIDATION_FAILED', `Subgraph cycle: ${[...stack, ref].join(' → ')}`, ref);
      if (stack.length >= maxDepth)
        throw refuse('RESOURCE_EXHAUSTED', `Subgraphs nest deeper than ${maxDepth} levels`, ref);
      const document = await options.resolve(ref, {
        signal: context.signal,
        from: stack,
        runId: context.runId,
      });
      const graph = compile(document, options.catalogFor([...stack, ref]));
      return graph.invoke(input ?? null, {
        signal: context.signal,
        runId: `${context.runId}/${context.nodeId}`,
        traceContext: context.traceContext,
        onEvent: (event) => {
          if (!FORWARDED.has(event.type)) return;
          context.progress({
            subgraph: {
              type: event.type,
              nodeId: event.nodeId,
              attempt: event.attempt,
              ...(event.error ? { error: event.error } : {}),
            },
          });
        },
      });
    },
  });
}
