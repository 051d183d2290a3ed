import { portsConnect, type NodeCatalog, type NodeTypeSpec, type PortSpec } from './catalog.js';
import type { GraphDocument } from './document.js';
import { createTopology, planOf, type GraphPlan, type Topology } from './plan.js';

export type ValidationCode =
  | 'DUPLICATE_NODE_ID'
  | 'DUPLICATE_EDGE_ID'
  | 'DANGLING_EDGE'
  | 'UNKNOWN_NODE_TYPE'
  | 'INVALID_CONFIG'
  | 'UNKNOWN_PORT'
  | 'INCOMPATIBLE_PORTS'
  | 'REQUIRED_INPUT_MISSING'
  | 'TOO_MANY_EDGES_INTO_PORT'
  | 'CYCLE'
  | 'UNREACHABLE_NODE'
  | 'NO_INPUT'
  | 'NO_OUTPUT';

/** One problem, pointing at what the editor should mark. */
export interface ValidationProblem {
  code: ValidationCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** A config field (`config.url`) or a port (`inputs.body`) of the node. */
  field?: string;
  /** For CYCLE: the node ids around it, the first repeated at the end. */
  path?: string[];
}

export interface ValidationResult {
  valid: boolean;
  problems: ValidationProblem[];
  /** The parallel layers and the critical path; absent while the graph has a cycle. */
  plan?: GraphPlan;
}

/**
 * Every problem of a document at once, each with a stable code and what it points at, plus the
 * plan. Linear in nodes + edges; runs no node code and makes no network call.
 */
export function validate(document: GraphDocument, catalog: NodeCatalog): ValidationResult {
  const problems: ValidationProblem[] = [];
  const index = indexNodes(document, problems);
  const specs = document.nodes.map((node) => resolveSpec(node, catalog, problems));
  const topology = checkEdges(document, index, specs, problems);
  checkInputs(document, specs, topology, problems);
  const plan = planOf(document, specs, topology, problems);
  checkRoles(document, specs, topology, plan !== undefined, problems);
  return plan ? { valid: problems.length === 0, problems, plan } : { valid: false, problems };
}

function indexNodes(document: GraphDocument, problems: ValidationProblem[]): Map<string, number> {
  const index = new Map<string, number>();
  document.nodes.forEach((node, i) => {
    if (index.has(node.id)) {
      problems.push({
        code: 'DUPLICATE_NODE_ID',
        message: `Two nodes have the id "${node.id}"`,
        nodeId: node.id,
      });
    } else {
      index.set(node.id, i);
    }
  });
  return index;
}

function resolveSpec(
  node: GraphDocument['nodes'][number],
  catalog: NodeCatalog,
  problems: ValidationProblem[],
) {
  const spec = catalog.get(node.type);
  if (!spec) {
    problems.push({
      code: 'UNKNOWN_NODE_TYPE',
      message: `Node "${node.id}" has the unknown type "${node.type}"`,
      nodeId: node.id,
      field: 'type',
    });
    return undefined;
  }
  const parsed = spec.config.safeParse(node.config);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = ['config', ...issue.path.map(String)].join('.');
      problems.push({
        code: 'INVALID_CONFIG',
        message: `Node "${node.id}": ${field}: ${issue.message}`,
        nodeId: node.id,
        field,
      });
    }
  }
  return spec;
}

function findPort(ports: readonly PortSpec[], name: string): PortSpec | undefined {
  for (const port of ports) if (port.name === name) return port;
  return undefined;
}

/** Resolves edges to integer endpoints, checking ids, ports and types; counts edges per input port. */
function checkEdges(
  document: GraphDocument,
  index: Map<string, number>,
  specs: (NodeTypeSpec | undefined)[],
  problems: ValidationProblem[],
): Topology {
  const edgeIds = new Set<string>();
  const source: number[] = [];
  const target: number[] = [];
  const inputOffset = new Int32Array(specs.length + 1);
  specs.forEach(
    (spec, n) => (inputOffset[n + 1] = (inputOffset[n] as number) + (spec?.inputs.length ?? 0)),
  );
  const inputCounts = new Int32Array(inputOffset[specs.length] as number);
  for (const edge of document.edges) {
    // One hash of the id instead of two: a Set that does not grow already had it.
    const seen = edgeIds.size;
    if (edgeIds.add(edge.id).size === seen) {
      problems.push({
        code: 'DUPLICATE_EDGE_ID',
        message: `Two edges have the id "${edge.id}"`,
        edgeId: edge.id,
      });
    }
    const s = index.get(edge.source);
    const t = index.get(edge.target);
    if (s === undefined || t === undefined) {
      const missing = s === undefined ? edge.source : edge.target;
      problems.push({
        code: 'DANGLING_EDGE',
        message: `Edge "${edge.id}" points at the missing node "${missing}"`,
        edgeId: edge.id,
      });
      continue;
    }
    source.push(s);
    target.push(t);
    const port = checkPorts(edge, specs[s], specs[t], problems);
    if (port >= 0) {
      const slot = (inputOffset[t] as number) + port;
      inputCounts[slot] = (inputCounts[slot] as number) + 1;
    }
  }
  return createTopology(document.nodes.length, Int32Array.from(source), Int32Array.from(target), {
    offset: inputOffset,
    counts: inputCounts,
  });
}

/** Checks an edge's ports and their types; returns the target port's index, or -1. */
function checkPorts(
  edge: GraphDocument['edges'][number],
  from: NodeTypeSpec | undefined,
  to: NodeTypeSpec | undefined,
  problems: ValidationProblem[],
): number {
  const out = from && findPort(from.outputs, edge.sourcePort);
  const intoIndex = to ? to.inputs.findIndex((port) => port.name === edge.targetPort) : -1;
  const into = to?.inputs[intoIndex];
  if (from && !out) {
    problems.push({
      code: 'UNKNOWN_PORT',
      message: `Edge "${edge.id}": node "${edge.source}" has no output "${edge.sourcePort}"`,
      edgeId: edge.id,
      nodeId: edge.source,
      field: `outputs.${edge.sourcePort}`,
    });
  }
  if (to && !into) {
    problems.push({
      code: 'UNKNOWN_PORT',
      message: `Edge "${edge.id}": node "${edge.target}" has no input "${edge.targetPort}"`,
      edgeId: edge.id,
      nodeId: edge.target,
      field: `inputs.${edge.targetPort}`,
    });
  }
  if (out && into && !portsConnect(out.type, into.type)) {
    problems.push({
      code: 'INCOMPATIBLE_PORTS',
      message: `Edge "${edge.id}": ${edge.source}.${edge.sourcePort} gives ${out.type}, ${edge.target}.${edge.targetPort} takes ${into.type}`,
      edgeId: edge.id,
    });
  }
  return into ? intoIndex : -1;
}

function checkInputs(
  document: GraphDocument,
  specs: (NodeTypeSpec | undefined)[],
  topology: Topology,
  problems: ValidationProblem[],
): void {
  const { offset, counts } = topology.inputs;
  document.nodes.forEach((node, n) => {
    specs[n]?.inputs.forEach((port, p) => {
      const count = counts[(offset[n] as number) + p] as number;
      if (port.required && count === 0) {
        problems.push({
          code: 'REQUIRED_INPUT_MISSING',
          message: `Node "${node.id}": the input "${port.name}" must be connected`,
          nodeId: node.id,
          field: `inputs.${port.name}`,
        });
      }
      if (!port.multiple && count > 1) {
        problems.push({
          code: 'TOO_MANY_EDGES_INTO_PORT',
          message: `Node "${node.id}": the input "${port.name}" takes one edge, not ${count}`,
          nodeId: node.id,
          field: `inputs.${port.name}`,
        });
      }
    });
  });
}

/** At least one input and one output node; every node reachable from an input. */
function checkRoles(
  document: GraphDocument,
  specs: (NodeTypeSpec | undefined)[],
  topology: Topology,
  acyclic: boolean,
  problems: ValidationProblem[],
): void {
  const inputs = specs.flatMap((spec, n) => (spec?.role === 'input' ? [n] : []));
  if (inputs.length === 0)
    problems.push({ code: 'NO_INPUT', message: 'The graph has no input node' });
  if (!specs.some((spec) => spec?.role === 'output'))
    problems.push({ code: 'NO_OUTPUT', message: 'The graph has no output node' });
  if (inputs.length === 0 || !acyclic) return;
  const reached = reachableFrom(inputs, topology);
  document.nodes.forEach((node, n) => {
    if (!reached[n])
      problems.push({
        code: 'UNREACHABLE_NODE',
        message: `Node "${node.id}" cannot be reached from an input node`,
        nodeId: node.id,
      });
  });
}

function reachableFrom(starts: number[], topology: Topology): Uint8Array {
  const { out, outStart } = topology.adjacency();
  const reached = new Uint8Array(topology.size);
  const stack = [...starts];
  for (const n of starts) reached[n] = 1;
  while (stack.length > 0) {
    const n = stack.pop() as number;
    for (let i = outStart[n] as number; i < (outStart[n + 1] as number); i++) {
      const t = out[i] as number;
      if (!reached[t]) {
        reached[t] = 1;
        stack.push(t);
      }
    }
  }
  return reached;
}
