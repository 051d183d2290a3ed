/**
 * The benchmark's graph: input → `chains` chains of `steps` `delay` nodes → merge → output, laid
 * out as the editor's layered layout would (one column per step, one row per chain).
 *
 * A run of it is a paced producer of node events: each step of each chain emits succeeded, then
 * queued and started of the next node, every `ms` (plus timer lateness), so a run emits about
 * 3 × chains × 1000 / ms events per second for steps × ms milliseconds. The first node of chain
 * j waits (3j + 1) ms, so the chains take turns instead of finishing in the same tick.
 */
export interface ChainsOptions {
  chains: number;
  steps: number;
  ms: number;
}

const COLUMN = 280;
const ROW = 120;

interface BenchNode {
  id: string;
  type: string;
  label?: string;
  position: { x: number; y: number };
  config: Record<string, unknown>;
}

export function chainsGraph(name: string, { chains, steps, ms }: ChainsOptions) {
  const middle = ((chains - 1) * ROW) / 2;
  const nodes: BenchNode[] = [
    { id: 'in', type: 'input', position: { x: 0, y: middle }, config: {} },
    {
      id: 'join',
      type: 'merge',
      position: { x: (steps + 1) * COLUMN, y: middle },
      config: { mode: 'first' },
    },
    { id: 'out', type: 'output', position: { x: (steps + 2) * COLUMN, y: middle }, config: {} },
  ];
  const edges: { id: string; source: string; target: string }[] = [
    { id: 'join->out', source: 'join', target: 'out' },
  ];
  for (let j = 0; j < chains; j++) {
    let previous = 'in';
    for (let i = 0; i < steps; i++) {
      const id = `c${j}s${i}`;
      nodes.push({
        id,
        type: 'delay',
        label: `Chain ${j + 1} step ${i + 1}`,
        position: { x: (i + 1) * COLUMN, y: j * ROW },
        config: { ms: i === 0 ? 3 * j + 1 : ms },
      });
      edges.push({ id: `${previous}->${id}`, source: previous, target: id });
      previous = id;
    }
    edges.push({ id: `${previous}->join`, source: previous, target: 'join' });
  }
  return {
    format: 'beluga.graph/v1',
    id: 'bench',
    name,
    nodes,
    edges,
    settings: { maxWorkers: chains + 2, defaultExecutor: 'local' },
  };
}

/** Events a run of the graph emits when every node succeeds once. */
export function expectedEvents(options: ChainsOptions): number {
  return 3 * (options.chains * options.steps + 3) + 2;
}
