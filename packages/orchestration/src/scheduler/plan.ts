import { OrchestratorError } from '../errors.js';

/** How a node waits for its inputs: every edge (`all`, the default) or whichever arrive (`any`). */
export type JoinMode = 'all' | 'any';

export interface PlanNodeSpec {
  id: string;
  /** Declared input ports; when absent the node has the single port `in`. */
  inputs?: readonly string[];
  /** Declared output ports; when absent the node has the single port `out`. */
  outputs?: readonly string[];
  join?: JoinMode;
  /** Continue-on-error nodes have an extra `error` output port. */
  continueOnError?: boolean;
}

export interface PlanEdgeSpec {
  source: string;
  target: string;
  sourcePort?: string;
  targetPort?: string;
}

export interface PlanSpec {
  nodes: readonly PlanNodeSpec[];
  edges: readonly PlanEdgeSpec[];
  /** Defaults to every node without incoming edges. */
  entryPoints?: readonly string[];
  /** Defaults to every node without outgoing edges. */
  finishPoints?: readonly string[];
}

export type PlanProblemCode =
  | 'EMPTY_GRAPH'
  | 'DUPLICATE_NODE'
  | 'UNKNOWN_NODE'
  | 'UNKNOWN_PORT'
  | 'CYCLE'
  | 'NO_ENTRY'
  | 'ENTRY_HAS_INPUTS'
  | 'UNREACHABLE_NODE'
  | 'UNREACHABLE_FINISH';

export interface PlanProblem {
  code: PlanProblemCode;
  message: string;
  nodeId?: string;
  edgeIndex?: number;
  /** For CYCLE: the node ids around the cycle, first repeated at the end. */
  path?: string[];
}

/**
 * A graph compiled to integer ids and flat arrays: the input of the scheduler. Edges are stored
 * once and indexed both by target (`inStart`/`inEdges`) and by source (`outStart`/`outEdges`).
 */
export interface ExecutionPlan {
  readonly size: number;
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  readonly edgeSourcePort: readonly string[];
  readonly edgeTargetPort: readonly string[];
  /** Number of edges sharing each edge's (target, targetPort): 1 means a single-value port. */
  readonly edgeFanIn: Int32Array;
  readonly inStart: Int32Array;
  readonly inEdges: Int32Array;
  readonly outStart: Int32Array;
  readonly outEdges: Int32Array;
  readonly joinAny: Uint8Array;
  /** 1 when the node declared its input ports (it then receives an object keyed by port). */
  readonly namedInputs: Uint8Array;
  /** 1 when the node declared output ports (it returns an object keyed by port). */
  readonly namedOutputs: Uint8Array;
  readonly entries: Int32Array;
  readonly finishes: Int32Array;
  /** A topological order of all nodes. */
  readonly order: Int32Array;
}

/** Compiles a spec, or throws VALIDATION_FAILED carrying every problem in `details.problems`. */
export function compilePlan(spec: PlanSpec): ExecutionPlan {
  const result = tryCompilePlan(spec);
  if (result.plan) return result.plan;
  const first = result.problems[0] as PlanProblem;
  const more =
    result.problems.length > 1 ? ` (and ${result.problems.length - 1} more problems)` : '';
  throw new OrchestratorError({
    code: 'VALIDATION_FAILED',
    op: 'graph.compile',
    message: `${first.message}${more}`,
    ...(first.nodeId === undefined ? {} : { field: first.nodeId }),
    details: { problems: result.problems },
  });
}

export function tryCompilePlan(spec: PlanSpec): { plan?: ExecutionPlan; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const size = spec.nodes.length;
  if (size === 0) return { problems: [{ code: 'EMPTY_GRAPH', message: 'The graph has no nodes' }] };
  const indexOf = new Map<string, number>();
  const ids = spec.nodes.map((node, i) => {
    if (indexOf.has(node.id)) {
      problems.push({
        code: 'DUPLICATE_NODE',
        message: `Duplicate node id "${node.id}"`,
        nodeId: node.id,
      });
    } else {
      indexOf.set(node.id, i);
    }
    return node.id;
  });
  const edges = resolveEdges(spec, indexOf, problems);
  if (problems.length > 0) return { problems };
  const plan = buildPlan(spec, ids, indexOf, edges);
  checkStructure(spec, plan, problems);
  return problems.length > 0 ? { problems } : { plan, problems };
}

interface ResolvedEdges {
  source: Int32Array;
  target: Int32Array;
  sourcePort: string[];
  targetPort: string[];
}

function resolveEdges(
  spec: PlanSpec,
  indexOf: Map<string, number>,
  problems: PlanProblem[],
): ResolvedEdges {
  const count = spec.edges.length;
  const out: ResolvedEdges = {
    source: new Int32Array(count),
    target: new Int32Array(count),
    sourcePort: new Array<string>(count),
    targetPort: new Array<string>(count),
  };
  for (let i = 0; i < count; i++) {
    const edge = spec.edges[i] as PlanEdgeSpec;
    const source = indexOf.get(edge.source);
    const target = indexOf.get(edge.target);
    if (source === undefined) problems.push(unknownEndpoint(edge.source, i));
    if (target === undefined) problems.push(unknownEndpoint(edge.target, i));
    if (source === undefined || target === undefined) continue;
    out.source[i] = source;
    out.target[i] = target;
    const sourcePort = (out.sourcePort[i] = edge.sourcePort ?? 'out');
    const targetPort = (out.targetPort[i] = edge.targetPort ?? 'in');
    checkPort(spec.nodes[source] as PlanNodeSpec, 'output', sourcePort, i, problems);
    checkPort(spec.nodes[target] as PlanNodeSpec, 'input', targetPort, i, problems);
  }
  return out;
}

function unknownEndpoint(id: string, edgeIndex: number): PlanProblem {
  return {
    code: 'UNKNOWN_NODE',
    message: `Edge ${edgeIndex} refers to unknown node "${id}"`,
    nodeId: id,
    edgeIndex,
  };
}

/** The common case (default ports) is checked without allocating. */
function checkPort(
  node: PlanNodeSpec,
  side: 'input' | 'output',
  port: string,
  edgeIndex: number,
  problems: PlanProblem[],
): void {
  const declared = side === 'input' ? node.inputs : node.outputs;
  if (
    declared === undefined ? port === (side === 'input' ? 'in' : 'out') : declared.includes(port)
  ) {
    return;
  }
  if (side === 'output' && port === 'error' && node.continueOnError) return;
  const ports = [
    ...(declared ?? [side === 'input' ? 'in' : 'out']),
    ...(side === 'output' && node.continueOnError ? ['error'] : []),
  ];
  problems.push({
    code: 'UNKNOWN_PORT',
    message: `Node "${node.id}" has no ${side} port "${port}" (ports: ${ports.join(', ')})`,
    nodeId: node.id,
    edgeIndex,
  });
}

/** Counting sort of edge indices by `key`: CSR offsets and the sorted edge list. */
function buildIndex(key: Int32Array, size: number): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(size + 1);
  for (let e = 0; e < key.length; e++) {
    const slot = (key[e] as number) + 1;
    start[slot] = (start[slot] as number) + 1;
  }
  for (let n = 0; n < size; n++) start[n + 1] = (start[n + 1] as number) + (start[n] as number);
  const fill = start.slice(0, size);
  const list = new Int32Array(key.length);
  for (let e = 0; e < key.length; e++) {
    const n = key[e] as number;
    const position = fill[n] as number;
    fill[n] = position + 1;
    list[position] = e;
  }
  return { start, list };
}

function buildPlan(
  spec: PlanSpec,
  ids: string[],
  indexOf: Map<string, number>,
  edges: ResolvedEdges,
): ExecutionPlan {
  const size = ids.length;
  const incoming = buildIndex(edges.target, size);
  const outgoing = buildIndex(edges.source, size);
  const joinAny = new Uint8Array(size);
  const namedInputs = new Uint8Array(size);
  const namedOutputs = new Uint8Array(size);
  spec.nodes.forEach((node, n) => {
    joinAny[n] = node.join === 'any' ? 1 : 0;
    namedInputs[n] = node.inputs ? 1 : 0;
    namedOutputs[n] = node.outputs ? 1 : 0;
  });
  const pick = (list: readonly string[] | undefined, fallback: (n: number) => boolean) =>
    list
      ? Int32Array.from(new Set(list), (id) => indexOf.get(id) ?? -1)
      : Int32Array.from(range(size).filter(fallback));
  return {
    size,
    ids,
    indexOf,
    edgeSource: edges.source,
    edgeTarget: edges.target,
    edgeSourcePort: edges.sourcePort,
    edgeTargetPort: edges.targetPort,
    edgeFanIn: fanIn(edges, incoming, namedInputs),
    inStart: incoming.start,
    inEdges: incoming.list,
    outStart: outgoing.start,
    outEdges: outgoing.list,
    joinAny,
    namedInputs,
    namedOutputs,
    entries: pick(spec.entryPoints, (n) => incoming.start[n] === incoming.start[n + 1]),
    finishes: pick(spec.finishPoints, (n) => outgoing.start[n] === outgoing.start[n + 1]),
    order: new Int32Array(0),
  };
}

function fanIn(
  edges: ResolvedEdges,
  incoming: { start: Int32Array; list: Int32Array },
  namedInputs: Uint8Array,
): Int32Array {
  const result = new Int32Array(edges.source.length);
  for (let n = 0; n + 1 < incoming.start.length; n++) {
    const from = incoming.start[n] as number;
    const to = incoming.start[n + 1] as number;
    if (to - from === 1 || !namedInputs[n]) {
      // A single port (`in`) receives every edge: no need to count per port.
      for (let i = from; i < to; i++) result[incoming.list[i] as number] = to - from;
      continue;
    }
    const counts = new Map<string, number>();
    for (let i = from; i < to; i++) {
      const port = edges.targetPort[incoming.list[i] as number] as string;
      counts.set(port, (counts.get(port) ?? 0) + 1);
    }
    for (let i = from; i < to; i++) {
      const e = incoming.list[i] as number;
      result[e] = counts.get(edges.targetPort[e] as string) as number;
    }
  }
  return result;
}

function range(size: number): number[] {
  return Array.from({ length: size }, (_, i) => i);
}

function checkStructure(spec: PlanSpec, plan: ExecutionPlan, problems: PlanProblem[]): void {
  for (const [list, label] of [
    [spec.entryPoints, 'Entry point'],
    [spec.finishPoints, 'Finish point'],
  ] as const) {
    for (const id of list ?? []) {
      if (!plan.indexOf.has(id))
        problems.push({
          code: 'UNKNOWN_NODE',
          message: `${label} "${id}" is not a node`,
          nodeId: id,
        });
    }
  }
  if (problems.length > 0) return;
  const order = topologicalOrder(plan);
  if (order.length < plan.size) {
    const path = findCycle(plan, order);
    problems.push({
      code: 'CYCLE',
      message: `The graph has a cycle: ${path.join(' → ')}`,
      nodeId: path[0],
      path,
    });
    return;
  }
  (plan as { order: Int32Array }).order = order;
  checkReachability(plan, problems);
}

/** Kahn's algorithm; a result shorter than the graph means a cycle. */
export function topologicalOrder(plan: ExecutionPlan): Int32Array {
  const indegree = new Int32Array(plan.size);
  for (let n = 0; n < plan.size; n++)
    indegree[n] = (plan.inStart[n + 1] as number) - (plan.inStart[n] as number);
  const order = new Int32Array(plan.size);
  let tail = 0;
  for (let n = 0; n < plan.size; n++) if (indegree[n] === 0) order[tail++] = n;
  for (let head = 0; head < tail; head++) {
    const n = order[head] as number;
    for (let i = plan.outStart[n] as number; i < (plan.outStart[n + 1] as number); i++) {
      const t = plan.edgeTarget[plan.outEdges[i] as number] as number;
      const left = (indegree[t] as number) - 1;
      indegree[t] = left;
      if (left === 0) order[tail++] = t;
    }
  }
  return order.subarray(0, tail);
}

/** A cycle among the nodes Kahn's algorithm could not order, found by walking back along inputs. */
function findCycle(plan: ExecutionPlan, order: Int32Array): string[] {
  const ordered = new Uint8Array(plan.size);
  for (const n of order) ordered[n] = 1;
  let node = ordered.indexOf(0);
  const seenAt = new Map<number, number>();
  const walk: number[] = [];
  // Every unordered node has an unordered predecessor, so walking back must revisit a node.
  while (!seenAt.has(node)) {
    seenAt.set(node, walk.length);
    walk.push(node);
    for (let i = plan.inStart[node] as number; i < (plan.inStart[node + 1] as number); i++) {
      const source = plan.edgeSource[plan.inEdges[i] as number] as number;
      if (!ordered[source]) {
        node = source;
        break;
      }
    }
  }
  const cycle = walk.slice(seenAt.get(node)).reverse();
  return [...cycle, cycle[0] as number].map((n) => plan.ids[n] as string);
}

function checkReachability(plan: ExecutionPlan, problems: PlanProblem[]): void {
  if (plan.entries.length === 0) {
    problems.push({ code: 'NO_ENTRY', message: 'The graph has no entry point' });
    return;
  }
  const reached = new Uint8Array(plan.size);
  const isEntry = new Uint8Array(plan.size);
  for (const n of plan.entries) {
    isEntry[n] = 1;
    if (plan.inStart[n] !== plan.inStart[n + 1]) {
      problems.push({
        code: 'ENTRY_HAS_INPUTS',
        message: `Entry point "${plan.ids[n]}" has incoming edges`,
        nodeId: plan.ids[n],
      });
    }
  }
  for (const n of plan.order) {
    if (isEntry[n]) reached[n] = 1;
    if (!reached[n]) continue;
    for (let i = plan.outStart[n] as number; i < (plan.outStart[n + 1] as number); i++) {
      reached[plan.edgeTarget[plan.outEdges[i] as number] as number] = 1;
    }
  }
  for (let n = 0; n < plan.size; n++) {
    if (reached[n]) continue;
    const finish = plan.finishes.includes(n);
    problems.push({
      code: finish ? 'UNREACHABLE_FINISH' : 'UNREACHABLE_NODE',
      message: `${finish ? 'Finish point' : 'Node'} "${plan.ids[n]}" cannot be reached from an entry point`,
      nodeId: plan.ids[n],
    });
  }
}
