import type { NodeTypeSpec } from './catalog.js';
import type { GraphDocument } from './document.js';
import type { ValidationProblem } from './validate.js';

/** The edges of a document as integer endpoints, with the outgoing adjacency built on demand. */
export interface Topology {
  size: number;
  source: Int32Array;
  target: Int32Array;
  /** Edges into each input port: `counts[offset[node] + portIndex]`. */
  inputs: { offset: Int32Array; counts: Int32Array };
  adjacency(): { outStart: Int32Array; out: Int32Array };
}

export function createTopology(
  size: number,
  source: Int32Array,
  target: Int32Array,
  inputs: Topology['inputs'],
): Topology {
  let built: { outStart: Int32Array; out: Int32Array } | undefined;
  return {
    size,
    source,
    target,
    inputs,
    adjacency() {
      built ??= buildAdjacency(size, source, target);
      return built;
    },
  };
}

function buildAdjacency(size: number, source: Int32Array, target: Int32Array) {
  const outStart = new Int32Array(size + 1);
  for (const s of source) outStart[s + 1] = (outStart[s + 1] as number) + 1;
  for (let n = 0; n < size; n++)
    outStart[n + 1] = (outStart[n + 1] as number) + (outStart[n] as number);
  const fill = outStart.slice(0, size);
  const out = new Int32Array(source.length);
  source.forEach((s, e) => {
    const at = fill[s] as number;
    fill[s] = at + 1;
    out[at] = target[e] as number;
  });
  return { outStart, out };
}

/** What the editor shows before a run. */
export interface GraphPlan {
  /** Nodes that can run at the same time, in order: layer k waits for layer k - 1. */
  layers: string[][];
  /** The longest chain of nodes by estimated duration. */
  criticalPath: string[];
  criticalPathMs: number;
}

/** Topological order (Kahn); a cycle is reported with its path and gives no plan. */
export function planOf(
  document: GraphDocument,
  specs: (NodeTypeSpec | undefined)[],
  topology: Topology,
  problems: ValidationProblem[],
): GraphPlan | undefined {
  const { size } = topology;
  const { outStart, out } = topology.adjacency();
  const indegree = new Int32Array(size);
  for (const t of topology.target) indegree[t] = (indegree[t] as number) + 1;
  const order = new Int32Array(size);
  let tail = 0;
  for (let n = 0; n < size; n++) if (indegree[n] === 0) order[tail++] = n;
  const depth = new Int32Array(size);
  const finish = new Float64Array(size);
  const via = new Int32Array(size).fill(-1);
  for (let head = 0; head < tail; head++) {
    const n = order[head] as number;
    finish[n] = (finish[n] as number) + (specs[n]?.estimatedMs ?? 1);
    for (let i = outStart[n] as number; i < (outStart[n + 1] as number); i++) {
      const t = out[i] as number;
      depth[t] = Math.max(depth[t] as number, (depth[n] as number) + 1);
      if (finish[n] > (finish[t] as number)) {
        finish[t] = finish[n];
        via[t] = n;
      }
      indegree[t] = (indegree[t] as number) - 1;
      if (indegree[t] === 0) order[tail++] = t;
    }
  }
  if (tail < size) {
    const path = findCycle(document, topology, indegree);
    problems.push({
      code: 'CYCLE',
      message: `The graph has a cycle: ${path.join(' → ')}`,
      nodeId: path[0],
      path,
    });
    return undefined;
  }
  return { layers: layersOf(document, depth), ...criticalPathOf(document, finish, via) };
}

function layersOf(document: GraphDocument, depth: Int32Array): string[][] {
  const layers: string[][] = [];
  document.nodes.forEach((node, n) => (layers[depth[n] as number] ??= []).push(node.id));
  return layers;
}

function criticalPathOf(document: GraphDocument, finish: Float64Array, via: Int32Array) {
  let end = 0;
  for (let n = 1; n < finish.length; n++)
    if ((finish[n] as number) > (finish[end] as number)) end = n;
  const path: string[] = [];
  for (let n = finish.length > 0 ? end : -1; n >= 0; n = via[n] as number)
    path.push(document.nodes[n]?.id as string);
  return { criticalPath: path.reverse(), criticalPathMs: finish[end] ?? 0 };
}

/**
 * Nodes left with inputs after Kahn's algorithm each have a predecessor that is left too, so
 * walking back along inputs must come round to a node twice: that loop is a cycle.
 */
function findCycle(document: GraphDocument, topology: Topology, indegree: Int32Array): string[] {
  const back = buildAdjacency(topology.size, topology.target, topology.source);
  let node = indegree.findIndex((d) => d > 0);
  const seenAt = new Map<number, number>();
  const walk: number[] = [];
  while (!seenAt.has(node)) {
    seenAt.set(node, walk.length);
    walk.push(node);
    for (let i = back.outStart[node] as number; i < (back.outStart[node + 1] as number); i++) {
      const source = back.out[i] as number;
      if ((indegree[source] as number) > 0) {
        node = source;
        break;
      }
    }
  }
  const cycle = walk.slice(seenAt.get(node)).reverse();
  return [...cycle, cycle[0] as number].map((n) => document.nodes[n]?.id as string);
}
