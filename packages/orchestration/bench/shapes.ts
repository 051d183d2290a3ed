/**
 * The graph shapes every contender runs: plain adjacency lists, in topological order (every
 * parent has a smaller index than its child), so each contender builds its own graph from them.
 */
export interface Shape {
  /** Label in the results table. */
  name: string;
  size: number;
  /** Parents of each node (distinct, all earlier nodes). Entry nodes have none. */
  parents: readonly (readonly number[])[];
  children: readonly (readonly number[])[];
  /** Nodes without children: their values are the run's output. */
  finishes: readonly number[];
  /** Longest path in nodes: LangGraph's supersteps, hence its recursion limit. */
  depth: number;
}

function fromParents(name: string, parents: number[][]): Shape {
  const size = parents.length;
  const children: number[][] = Array.from({ length: size }, () => []);
  const level = new Int32Array(size);
  let depth = 0;
  for (let child = 0; child < size; child++) {
    for (const parent of parents[child]!) {
      children[parent]!.push(child);
      level[child] = Math.max(level[child]!, level[parent]! + 1);
    }
    depth = Math.max(depth, level[child]! + 1);
  }
  const finishes = children.flatMap((list, n) => (list.length === 0 ? [n] : []));
  return { name, size, parents, children, finishes, depth };
}

/** `size` nodes, each the only child of the previous one. */
export function chain(size: number, name = `chain ${label(size)}`): Shape {
  return fromParents(
    name,
    Array.from({ length: size }, (_, n) => (n === 0 ? [] : [n - 1])),
  );
}

/** One source, `width` parallel nodes, one sink joining them all: width + 2 nodes. */
export function fan(width: number, name = `fan-out/in ${label(width)}`): Shape {
  const sink = width + 1;
  const parents = Array.from({ length: width + 2 }, (_, n): number[] =>
    n === 0 ? [] : n === sink ? Array.from({ length: width }, (_, i) => i + 1) : [0],
  );
  return fromParents(name, parents);
}

/**
 * A random DAG: node 0 is the only entry, every later node gets 1–3 distinct parents drawn
 * uniformly from the nodes before it. Seeded, so every run of the bench builds the same graph.
 */
export function randomDag(size: number, seed: number, name = `random DAG ${label(size)}`): Shape {
  const random = mulberry32(seed);
  const parents: number[][] = [[]];
  for (let n = 1; n < size; n++) {
    const wanted = Math.min(n, 1 + Math.floor(random() * 3));
    const picked = new Set<number>();
    while (picked.size < wanted) picked.add(Math.floor(random() * n));
    parents.push([...picked].sort((a, b) => a - b));
  }
  return fromParents(name, parents);
}

/** A small, well-known 32-bit PRNG: good enough for shapes, and identical everywhere. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function label(size: number): string {
  return size >= 1000 && size % 1000 === 0 ? `${size / 1000}k` : String(size);
}
