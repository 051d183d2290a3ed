import type { Shape } from './shapes.js';

/** Finish node id (`n<index>`) → value: every contender's run output, normalised. */
export type Outputs = Record<string, number>;

export interface Contender {
  name: string;
  /** Slow contenders get fewer runs, a time budget, and memory sampled in their first run. */
  slow?: boolean;
  /** A reason to skip this shape (shown in the table), or undefined to run it. */
  skip?(shape: Shape): string | undefined;
  /** Builds (and, where the contender has that step, compiles) the graph. */
  prepare(shape: Shape): Prepared;
}

export interface Prepared {
  run(): Promise<Outputs>;
  /** After the verification run: a problem found beyond the node values, e.g. missing events. */
  check?(): string | undefined;
}

export function nodeId(node: number): string {
  return `n${node}`;
}

export function outputsOf(shape: Shape, valueOf: (node: number) => number): Outputs {
  const outputs: Outputs = {};
  for (const n of shape.finishes) outputs[nodeId(n)] = valueOf(n);
  return outputs;
}
