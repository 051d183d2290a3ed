import type { GraphDocumentInput } from '@beluga/graph';

type Node = GraphDocumentInput['nodes'][number];
type Edge = GraphDocumentInput['edges'][number];

function node(id: string, type: string, config: Record<string, unknown> = {}): Node {
  return { id, type, position: { x: 0, y: 0 }, config: config as Node['config'] };
}

function document(name: string, nodes: Node[], edges: Edge[], maxWorkers = 16) {
  return {
    format: 'beluga.graph/v1' as const,
    id: name,
    name,
    nodes,
    edges,
    settings: { maxWorkers, defaultExecutor: 'local' as const },
  };
}

const edge = (source: string, target: string): Edge => ({
  id: `${source}->${target}`,
  source,
  target,
});

const STEPS = {
  // A merge with one incoming edge passes its value on: the cheapest built-in node.
  merge: { type: 'merge', config: { mode: 'first' } },
  // JSONata, parsed on every evaluation (see expression.ts): shows what a real node costs.
  transform: { type: 'transform', config: { expression: 'n + 1' } },
} as const;

/**
 * input → `width` built-in nodes side by side → merge → output, each node emitting
 * queued/started/succeeded, so the engine produces events as fast as it can.
 * 3 × (width + 3) + 2 events.
 */
export function wide(width: number, step: keyof typeof STEPS): GraphDocumentInput {
  const nodes = [
    node('in', 'input'),
    node('join', 'merge', { mode: 'first' }),
    node('out', 'output'),
  ];
  const edges = [edge('join', 'out')];
  const { type, config } = STEPS[step];
  for (let i = 0; i < width; i++) {
    nodes.push(node(`s${i}`, type, config));
    edges.push(edge('in', `s${i}`), edge(`s${i}`, 'join'));
  }
  return document(`${width + 3} nodes: ${width} × ${step} side by side`, nodes, edges);
}

export interface PacedOptions {
  chains: number;
  steps: number;
  ms: number;
}

/**
 * input → `chains` chains of `steps` `delay` nodes of `ms` each → merge → output: a paced
 * producer whose rate comes from timers in the engine, not from sleeps in the bench. Each step
 * emits node.succeeded (`ts` stamped by the engine as the node finished), then queued and started
 * of the next node. Chain j starts after a (3j + 1) ms delay, so the chains take turns: about
 * 3 × chains events every `ms` (plus each timer's lateness), evenly spread.
 * 3 × (chains × (steps + 1) + 3) + 2 events.
 */
export function pacedChains({ chains, steps, ms }: PacedOptions): GraphDocumentInput {
  const nodes = [
    node('in', 'input'),
    node('join', 'merge', { mode: 'first' }),
    node('out', 'output'),
  ];
  const edges = [edge('join', 'out')];
  for (let j = 0; j < chains; j++) {
    let previous = 'in';
    for (let i = 0; i <= steps; i++) {
      const id = `c${j}d${i}`;
      nodes.push(node(id, 'delay', { ms: i === 0 ? 3 * j + 1 : ms }));
      edges.push(edge(previous, id));
      previous = id;
    }
    edges.push(edge(previous, 'join'));
  }
  const name = `${nodes.length} nodes: ${chains} chains × ${steps} delays of ${ms} ms, staggered`;
  return document(name, nodes, edges, chains + 2);
}

/** Events a run of a document emits when every node succeeds once. */
export function expectedEvents(graph: GraphDocumentInput): number {
  return 3 * graph.nodes.length + 2;
}

/** input → `length` nodes of one kind in a row → output. */
export function chain(
  name: string,
  length: number,
  step: { type: string; config: Record<string, unknown> },
): GraphDocumentInput {
  const order = ['in', ...Array.from({ length }, (_, i) => `n${i + 1}`), 'out'];
  const nodes = [
    node('in', 'input'),
    ...order.slice(1, -1).map((id) => node(id, step.type, step.config)),
    node('out', 'output'),
  ];
  return document(
    name,
    nodes,
    order.slice(1).map((target, i) => edge(order[i] as string, target)),
  );
}

/** input → `count` chains of `length` merges side by side → merge → output. */
export function chains(count: number, length: number): GraphDocumentInput {
  const nodes = [
    node('in', 'input'),
    node('join', 'merge', { mode: 'first' }),
    node('out', 'output'),
  ];
  const edges = [edge('join', 'out')];
  for (let c = 0; c < count; c++) {
    let previous = 'in';
    for (let i = 0; i < length; i++) {
      const id = `c${c}n${i}`;
      nodes.push(node(id, 'merge', { mode: 'first' }));
      edges.push(edge(previous, id));
      previous = id;
    }
    edges.push(edge(previous, 'join'));
  }
  return document(`${nodes.length} nodes: ${count} chains × ${length} merges`, nodes, edges);
}
