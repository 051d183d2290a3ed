import { z } from 'zod';
import { defineNodeType } from './types.js';

export const MergeConfigSchema = z
  .object({
    /**
     * `object`: the values keyed by source node id; `array`: the values in edge order;
     * `first`: the first value that arrived (after a branch, the branch taken).
     */
    mode: z.enum(['object', 'array', 'first']).default('object'),
  })
  .strict();

function merged(bySource: Record<string, unknown>, mode: 'object' | 'array' | 'first'): unknown {
  const values = Object.keys(bySource).map((source) => bySource[source]);
  if (mode === 'array') return values;
  if (mode === 'first') return values[0] ?? null;
  return { ...bySource };
}

/**
 * Joins several paths: runs once every incoming edge has settled and at least one delivered,
 * so it closes both a fan-out and a branch. With a single incoming edge the value passes through.
 */
export const mergeNode = defineNodeType({
  type: 'merge',
  inputs: [{ name: 'in', type: 'any', required: true, multiple: true }],
  outputs: [{ name: 'out', type: 'any' }],
  join: 'any',
  config: MergeConfigSchema,
  estimatedMs: 0,
  ui: {
    title: 'Merge',
    category: 'Flow',
    icon: 'merge',
    description: 'Joins paths: after a fan-out, all values; after a branch, the one taken.',
    defaultConfig: { mode: 'object' },
  },
  run: ({ input, config }) => {
    // The engine gives several edges as a prototype-less object keyed by source node id.
    const isBySource =
      typeof input === 'object' && input !== null && Object.getPrototypeOf(input) === null;
    return isBySource ? merged(input as Record<string, unknown>, config.mode) : (input ?? null);
  },
});
