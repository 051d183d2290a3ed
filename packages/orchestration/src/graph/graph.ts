import { OrchestratorError } from '../errors.js';
import { EventChannel, type RunEvent } from '../events.js';
import { parseOptions, parseRunOptions } from '../options.js';
import { toRetryPolicy } from '../retry.js';
import { batchInScope } from '../runScope.js';
import { isRunnable, type BatchOptions, type Runnable, type RunOptions } from '../runnable.js';
import {
  compilePlan,
  tryCompilePlan,
  type PlanNodeSpec,
  type PlanEdgeSpec,
  type PlanProblem,
} from '../scheduler/index.js';
import { getInstruments, silentLogger } from '../telemetry.js';
import { GraphRun, type CompiledGraph, type CompiledNode, type NodeFunction } from './executor.js';
import {
  GraphOptionsSchema,
  NodeOptionsSchema,
  type EdgeOptions,
  type GraphOptions,
  type NodeOptions,
  type ResolvedGraphOptions,
} from './options.js';

/** A node's work: a function of (input, context) or any Runnable. */
export type NodeHandler = NodeFunction | Runnable<unknown, unknown, unknown>;

interface NodeEntry {
  spec: PlanNodeSpec;
  run: NodeFunction;
  options: NodeOptions;
}

/**
 * A DAG of nodes run concurrently (see DESIGN.md for the semantics). It is a Runnable whose
 * `stream()` yields run events. The graph is checked before its first run and after each change:
 * cycles (with their path), unknown nodes and ports, no entry, unreachable nodes.
 *
 * @example
 * const graph = createGraph({ maxWorkers: 4 })
 *   .addNode('fetch', async (url) => (await fetch(String(url))).text())
 *   .addNode('count', (text) => String(text).length)
 *   .addEdge('fetch', 'count');
 * await graph.invoke('https://example.com'); // number of characters
 */
export class Graph implements Runnable<unknown, unknown, RunEvent> {
  readonly options: ResolvedGraphOptions;
  private readonly nodes = new Map<string, NodeEntry>();
  private readonly edges: PlanEdgeSpec[] = [];
  private entryPoints: string[] | undefined;
  private finishPoints: string[] | undefined;
  private compiled: CompiledGraph | undefined;

  constructor(options: GraphOptions = {}) {
    this.options = parseOptions(GraphOptionsSchema, options, 'createGraph');
  }

  get name(): string {
    return this.options.name;
  }

  addNode(id: string, handler: NodeHandler, options: NodeOptions = {}): this {
    if (typeof id !== 'string' || id.length === 0) {
      throw new OrchestratorError({
        code: 'INVALID_CONFIG',
        op: 'graph.addNode',
        message: 'A node id must be a non-empty string',
        field: 'id',
      });
    }
    if (this.nodes.has(id)) {
      throw new OrchestratorError({
        code: 'INVALID_CONFIG',
        op: 'graph.addNode',
        message: `Node "${id}" already exists`,
        field: id,
      });
    }
    // Most nodes have no options: skip the schema for them (graphs of 100k nodes are built here).
    const parsed = isEmpty(options)
      ? {}
      : (parseOptions(NodeOptionsSchema, options, `graph.addNode:${id}`) as NodeOptions);
    this.nodes.set(id, {
      spec: { id, ...parsed },
      run: toNodeFunction(id, handler),
      options: parsed,
    });
    this.compiled = undefined;
    return this;
  }

  /** Connects `source`'s output port (default `out`) to `target`'s input port (default `in`). */
  addEdge(source: string, target: string, ports: EdgeOptions = {}): this {
    this.edges.push({
      source,
      target,
      sourcePort: ports.sourcePort ?? 'out',
      targetPort: ports.targetPort ?? 'in',
    });
    this.compiled = undefined;
    return this;
  }

  /** Where runs start; defaults to every node without incoming edges. */
  setEntryPoint(...ids: string[]): this {
    this.entryPoints = ids.flat();
    this.compiled = undefined;
    return this;
  }

  /** Whose outputs make the run output; defaults to every node without outgoing edges. */
  setFinishPoint(...ids: string[]): this {
    this.finishPoints = ids.flat();
    this.compiled = undefined;
    return this;
  }

  /** Every structural problem at once, without throwing. */
  validate(): PlanProblem[] {
    return tryCompilePlan(this.spec()).problems;
  }

  /** Checks the graph and prepares it for runs; throws VALIDATION_FAILED listing the problems. */
  compile(): CompiledGraph {
    if (this.compiled) return this.compiled;
    const plan = compilePlan(this.spec());
    const defaults = this.options;
    const nodes = plan.ids.map((id): CompiledNode => {
      const entry = this.nodes.get(id) as NodeEntry;
      return {
        id,
        run: entry.run,
        timeoutMs: entry.options.timeoutMs ?? defaults.nodeTimeoutMs,
        retry: toRetryPolicy(entry.options.retries ?? defaults.retries),
        continueOnError: entry.options.continueOnError ?? false,
      };
    });
    this.compiled = {
      plan,
      nodes,
      options: defaults,
      instruments: getInstruments(defaults.telemetry),
      logger: defaults.logger ?? silentLogger,
    };
    return this.compiled;
  }

  async invoke(input: unknown, options: RunOptions = {}): Promise<unknown> {
    const compiled = this.compile();
    return new GraphRun(compiled, input, parseRunOptions(options, 'graph.invoke')).execute();
  }

  /** Runs several inputs; one listener on the caller's signal serves the whole batch. */
  batch(inputs: readonly unknown[], options?: BatchOptions): Promise<unknown[]> {
    return batchInScope((input, callOptions) => this.invoke(input, callOptions), inputs, options);
  }

  /**
   * Runs the graph and yields its events. The stream ends after the terminal `run.*` event;
   * a failed run does not throw here, its `run.failed` event carries the error.
   */
  stream(input: unknown, options: RunOptions = {}): AsyncIterable<RunEvent> {
    const channel = new EventChannel<RunEvent>();
    const onEvent = options.onEvent;
    let started = false;
    const run = this.invoke(input, {
      ...options,
      onEvent: (event) => {
        started = true;
        channel.push(event);
        onEvent?.(event);
      },
    });
    // A run that failed before its first event (invalid graph or options) has no terminal event
    // to report it: the stream throws instead.
    run.then(
      () => channel.close(),
      (error: Error) => channel.close(started ? undefined : error),
    );
    return channel;
  }

  private spec() {
    return {
      nodes: [...this.nodes.values()].map((entry) => entry.spec),
      edges: this.edges,
      ...(this.entryPoints ? { entryPoints: this.entryPoints } : {}),
      ...(this.finishPoints ? { finishPoints: this.finishPoints } : {}),
    };
  }
}

function isEmpty(options: object): boolean {
  for (const _key in options) return false;
  return true;
}

function toNodeFunction(id: string, handler: NodeHandler): NodeFunction {
  if (typeof handler === 'function') return handler;
  if (isRunnable(handler))
    return (input, context) =>
      handler.invoke(input, { signal: context.signal, traceContext: context.traceContext });
  throw new OrchestratorError({
    code: 'INVALID_CONFIG',
    op: 'graph.addNode',
    message: `Node "${id}" needs a function or a Runnable`,
    field: id,
  });
}

/**
 * Creates an empty graph (the seed's NewGraph).
 *
 * @example
 * const graph = createGraph({ name: 'etl', maxWorkers: 8, retries: 2 });
 */
export function createGraph(options: GraphOptions = {}): Graph {
  return new Graph(options);
}
