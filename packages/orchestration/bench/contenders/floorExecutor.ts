import { outputsOf, type Contender } from '../contender.js';
import type { Shape } from '../shapes.js';
import { nodeValue, RUN_INPUT } from '../workload.js';

/**
 * The floor: an in-degree counter and a bounded pool, as small as a correct concurrent
 * executor gets. Inputs are summed into a typed array as parents finish (no input objects).
 */
export function floorExecutor(maxWorkers: number): Contender {
  return {
    name: `in-degree + pool of ${maxWorkers} (floor)`,
    prepare: (shape) => ({
      run: () => runFloor(shape, maxWorkers).then((values) => outputsOf(shape, (n) => values[n]!)),
    }),
  };
}

function runFloor(shape: Shape, maxWorkers: number): Promise<Float64Array> {
  const { size, parents, children } = shape;
  const waiting = Int32Array.from(parents, (list) => list.length);
  const sums = new Float64Array(size);
  const values = new Float64Array(size);
  const queue: number[] = [];
  for (let n = 0; n < size; n++) if (waiting[n] === 0) queue.push(n);
  let head = 0;
  let running = 0;
  let left = size;
  return new Promise((resolve, reject) => {
    const finish = (node: number, value: number): void => {
      running--;
      left--;
      values[node] = value;
      for (const child of children[node]!) {
        sums[child] = sums[child]! + value;
        if (--waiting[child]! === 0) queue.push(child);
      }
      if (left === 0) resolve(values);
      else pump();
    };
    const pump = (): void => {
      while (running < maxWorkers && head < queue.length) {
        const node = queue[head++]!;
        const input = parents[node]!.length === 0 ? RUN_INPUT : sums[node]!;
        running++;
        Promise.resolve(nodeValue(node, input)).then((value) => finish(node, value), reject);
      }
    };
    pump();
  });
}
