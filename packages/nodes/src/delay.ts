import { DurationMsSchema, OrchestratorError } from '@beluga/orchestration';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { defineNodeType } from './types.js';

export const DelayConfigSchema = z.object({ ms: DurationMsSchema }).strict();

/** Waits, then passes its input on; a cancelled run stops the wait at once. */
export const delayNode = defineNodeType({
  type: 'delay',
  inputs: [{ name: 'in', type: 'any' }],
  outputs: [{ name: 'out', type: 'any' }],
  config: DelayConfigSchema,
  maxMs: (config) => config.ms,
  ui: {
    title: 'Delay',
    category: 'Flow',
    icon: 'timer',
    description: 'Waits for a while, then passes its input on.',
    defaultConfig: { ms: 1000 },
  },
  run: async ({ input, config, context }) => {
    try {
      await sleep(config.ms, undefined, { signal: context.signal });
    } catch (error) {
      throw new OrchestratorError({
        code: 'CANCELLED',
        op: 'node:delay',
        message: 'The delay was cancelled',
        cause: error,
      });
    }
    return input ?? null;
  },
});
