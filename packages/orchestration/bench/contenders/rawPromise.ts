import { outputsOf, type Contender } from '../contender.js';
import { nodeValue, RUN_INPUT } from '../workload.js';

/**
 * The simplest correct thing: every node an async function awaiting `Promise.all` of its
 * parents, started in topological order. No pool, no events, no failure handling.
 */
export const rawPromise: Contender = {
  name: 'raw Promise (baseline)',
  prepare(shape) {
    return {
      async run() {
        const results = new Array<Promise<number>>(shape.size);
        for (let n = 0; n < shape.size; n++) results[n] = runNode(n, shape.parents[n]!, results);
        const finished = await Promise.all(shape.finishes.map((n) => results[n]!));
        const byNode = new Map(shape.finishes.map((n, i) => [n, finished[i]!]));
        return outputsOf(shape, (n) => byNode.get(n)!);
      },
    };
  },
};

async function runNode(
  node: number,
  parents: readonly number[],
  results: readonly Promise<number>[],
): Promise<number> {
  if (parents.length === 0) return nodeValue(node, RUN_INPUT);
  const inputs = await Promise.all(parents.map((parent) => results[parent]!));
  let sum = 0;
  for (const value of inputs) sum += value;
  return nodeValue(node, sum);
}
