import { z } from 'zod';
import { evaluateExpression, ExpressionSchema } from './expression.js';
import { defineNodeType } from './types.js';

export const BranchConfigSchema = z.object({ condition: ExpressionSchema }).strict();

/** JSONata truthiness: empty strings, arrays and objects, 0, null and false are false. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(truthy);
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return Boolean(value);
}

/**
 * Sends its input to the `true` or the `false` port by a JSONata condition; the nodes behind
 * the other port are skipped.
 */
export const branchNode = defineNodeType({
  type: 'branch',
  inputs: [{ name: 'in', type: 'any', required: true }],
  outputs: [
    { name: 'true', type: 'any' },
    { name: 'false', type: 'any' },
  ],
  config: BranchConfigSchema,
  ui: {
    title: 'Branch',
    category: 'Flow',
    icon: 'split',
    description: 'Routes the input to the true or false port by a JSONata condition.',
    defaultConfig: { condition: '$exists(value)' },
  },
  run: async ({ input, config, context }) => {
    const result = await evaluateExpression(config.condition, input, {
      op: 'node:branch',
      signal: context.signal,
    });
    // A port given undefined would stay silent; null still travels.
    return { [truthy(result) ? 'true' : 'false']: input ?? null };
  },
});
