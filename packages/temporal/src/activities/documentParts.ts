import type { NodeRegistry } from '@beluga/nodes';
import { OrchestratorError } from '@beluga/orchestration';
import type { CompiledRunSpec, GraphOutline, GraphPart, NodeSpec } from '../shared.js';
import { prepareGraph } from './prepareGraph.js';

/** Loads the document a reference names (a saved graph version); the application provides it. */
export type LoadDocument = (ref: string) => Promise<unknown>;

export interface DocumentPartsOptions {
  registry: NodeRegistry;
  loadDocument?: LoadDocument;
  /** Nodes (and edges) per part. Default 2,000: a part stays far below 2 MB. */
  partSize: number;
}

interface Compiled {
  spec: CompiledRunSpec;
  configs: Map<string, Record<string, unknown>>;
}

/** Compiled documents by reference, a few at a time (references name immutable versions). */
const CACHED = 16;

/**
 * Graphs given by reference: compiled once per worker process, handed to the workflow in parts
 * without node configs, and read by the node activities for their config.
 */
export class DocumentParts {
  private readonly cache = new Map<string, Promise<Compiled>>();

  constructor(private readonly options: DocumentPartsOptions) {}

  async outline(ref: string): Promise<GraphOutline> {
    const { spec } = await this.compiled(ref);
    const { nodes, edges } = spec.plan;
    const parts = Math.max(
      1,
      Math.ceil(Math.max(nodes.length, edges.length) / this.options.partSize),
    );
    return {
      name: spec.name,
      maxWorkers: spec.maxWorkers,
      ...(spec.runTimeoutMs === undefined ? {} : { runTimeoutMs: spec.runTimeoutMs }),
      parts,
    };
  }

  async part(ref: string, index: number): Promise<GraphPart> {
    const { plan, nodes } = (await this.compiled(ref)).spec;
    const from = index * this.options.partSize;
    const to = from + this.options.partSize;
    const slice = plan.nodes.slice(from, to);
    const ids = new Set(slice.map((node) => node.id));
    return {
      plan: {
        nodes: slice,
        edges: plan.edges.slice(from, to),
        entryPoints: (plan.entryPoints ?? []).filter((id) => ids.has(id)),
        finishPoints: (plan.finishPoints ?? []).filter((id) => ids.has(id)),
      },
      nodes: nodes
        .slice(from, to)
        .map(({ config: _config, ...node }): NodeSpec => ({ ...node, config: {} })),
    };
  }

  /** The config of one node of a referenced graph, for the activity that runs it. */
  async configOf(ref: string, nodeId: string): Promise<Record<string, unknown>> {
    const config = (await this.compiled(ref)).configs.get(nodeId);
    if (config) return config;
    throw new OrchestratorError({
      code: 'NOT_FOUND',
      op: `node:${nodeId}`,
      message: `Graph "${ref}" has no node "${nodeId}"`,
      retryable: false,
    });
  }

  private compiled(ref: string): Promise<Compiled> {
    const cached = this.cache.get(ref);
    if (cached) return cached;
    const { loadDocument, registry } = this.options;
    if (!loadDocument) {
      const message = `This worker cannot load graph "${ref}": it has no loadDocument`;
      throw new OrchestratorError({
        code: 'INVALID_STATE',
        op: 'graph.load',
        message,
        retryable: false,
      });
    }
    const compiling = loadDocument(ref).then((document) => {
      const spec = prepareGraph(registry, document);
      return { spec, configs: new Map(spec.nodes.map((node) => [node.id, node.config])) };
    });
    this.cache.set(ref, compiling);
    compiling.catch(() => this.cache.delete(ref));
    if (this.cache.size > CACHED) this.cache.delete(this.cache.keys().next().value as string);
    return compiling;
  }
}
