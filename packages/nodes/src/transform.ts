import { z } from 'zod';
import { evaluateExpression, ExpressionSchema } from './expression.js';
import { defineNodeType } from './types.js';

export const TransformConfigSchema = z.object({ expression: ExpressionSchema }).strict();

/** Reshapes its input with a JSONata expression (`$` is the input). */
export const transformNode = defineNodeType({
  type: 'transform',
  inputs: [{ name: 'in', type: 'any', required: true }],
  outputs: [{ name: 'out', type: 'any' }],
  config: TransformConfigSchema,
  ui: {
    title: 'Transform',
    category: 'Data',
    icon: 'shuffle',
    description: 'Reshapes data with a JSONata expression; `$` is the input.',
    defaultConfig: { expression: '$' },
  },
  run: ({ input, config, context }) =>
    evaluateExpression(config.expression, input, { op: 'node:transform', signal: context.signal }),
});
