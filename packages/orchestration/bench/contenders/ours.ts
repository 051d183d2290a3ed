import type { MeterProvider } from '@opentelemetry/api';
import { createGraph } from '../../src/graph/index.js';
import { nodeId, outputsOf, type Contender, type Outputs } from '../contender.js';
import type { Shape } from '../shapes.js';
import { nodeValue, RUN_INPUT } from '../workload.js';

export interface OursOptions {
  name: string;
  /** Count every run event through `onEvent` (the engine builds no events without a listener). */
  events: boolean;
  /** Undefined: the default global @opentelemetry/api provider, a no-op unless an SDK registered. */
  meterProvider?: MeterProvider;
  /** The opt-in per-node duration histogram (one SDK record per node). */
  recordNodeDurations?: boolean;
  maxWorkers: number;
}

/** `createGraph` from this package, built with the public API exactly as a user would. */
export function ours(options: OursOptions): Contender {
  return { name: options.name, prepare: (shape) => prepareOurs(shape, options) };
}

function prepareOurs(shape: Shape, options: OursOptions) {
  const graph = createGraph({
    maxWorkers: options.maxWorkers,
    recordNodeDurations: options.recordNodeDurations ?? false,
    ...(options.meterProvider ? { telemetry: { meterProvider: options.meterProvider } } : {}),
  });
  for (let n = 0; n < shape.size; n++) {
    // One parent delivers its value; several deliver an object keyed by parent id.
    graph.addNode(nodeId(n), (input: unknown) => nodeValue(n, sumOf(input)));
  }
  for (let n = 0; n < shape.size; n++) {
    for (const parent of shape.parents[n]!) graph.addEdge(nodeId(parent), nodeId(n));
  }
  let events = 0;
  const onEvent = options.events ? () => void events++ : undefined;
  return {
    // Compiles on the first invoke (cached afterwards): the first run includes it.
    async run(): Promise<Outputs> {
      events = 0;
      const output = await graph.invoke(RUN_INPUT, onEvent ? { onEvent } : {});
      return normalise(shape, output);
    },
    check(): string | undefined {
      // run.started, then queued/started/succeeded per node, then run.succeeded.
      const expected = 3 * shape.size + 2;
      return options.events && events !== expected
        ? `expected ${expected} events, got ${events}`
        : undefined;
    },
  };
}

function sumOf(input: unknown): number {
  if (typeof input === 'number') return input;
  let sum = 0;
  for (const value of Object.values(input as Record<string, number>)) sum += value;
  return sum;
}

/** One finish node: its output; several: an object keyed by node id (DESIGN.md). */
function normalise(shape: Shape, output: unknown): Outputs {
  if (shape.finishes.length === 1) return outputsOf(shape, () => output as number);
  const byId = output as Outputs;
  return outputsOf(shape, (n) => byId[nodeId(n)]!);
}
