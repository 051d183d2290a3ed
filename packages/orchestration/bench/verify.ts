import { nodeId, type Outputs } from './contender.js';
import type { Shape } from './shapes.js';
import { nodeValue, RUN_INPUT } from './workload.js';

/** What every contender must compute: each node's value, by a plain synchronous loop. */
export interface Expected {
  values: Float64Array;
  outputs: Outputs;
}

export function expectedResults(shape: Shape): Expected {
  const values = new Float64Array(shape.size);
  for (let n = 0; n < shape.size; n++) {
    const parents = shape.parents[n]!;
    let sum = parents.length === 0 ? RUN_INPUT : 0;
    for (const parent of parents) sum += values[parent]!;
    values[n] = nodeValue(n, sum);
  }
  const outputs: Outputs = {};
  for (const n of shape.finishes) outputs[nodeId(n)] = values[n]!;
  return { values, outputs };
}

/** The first difference between a contender's run and the expected results, if any. */
export function findMismatch(
  expected: Expected,
  observed: { values: Float64Array; calls: number; outputs: Outputs },
): string | undefined {
  const size = expected.values.length;
  if (observed.calls !== size) return `ran ${observed.calls} node calls for ${size} nodes`;
  for (let n = 0; n < size; n++) {
    if (observed.values[n] !== expected.values[n])
      return `node ${nodeId(n)} computed ${observed.values[n]}, expected ${expected.values[n]}`;
  }
  const keys = Object.keys(expected.outputs);
  if (Object.keys(observed.outputs).length !== keys.length)
    return `output has ${Object.keys(observed.outputs).length} finish nodes, expected ${keys.length}`;
  const wrong = keys.find((key) => observed.outputs[key] !== expected.outputs[key]);
  return (
    wrong && `output ${wrong} is ${observed.outputs[wrong]}, expected ${expected.outputs[wrong]}`
  );
}
