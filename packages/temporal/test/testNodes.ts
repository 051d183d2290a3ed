// Node types whose behaviour a test controls: flaky, blocking until aborted, failing for good.
import { defineNodeType, type NodeRegistry } from '@beluga/nodes';
import { OrchestratorError } from '@beluga/orchestration';
import { z } from 'zod';

const ui = {
  title: 'Test',
  category: 'Data' as const,
  icon: 'flask-conical',
  description: 'A node for tests.',
  defaultConfig: {},
};

/** Attempts per run and node, and the aborts the blocking node saw. */
export const observed = {
  attempts: new Map<string, number>(),
  aborted: new Map<string, (reason: unknown) => void>(),
  started: new Map<string, () => void>(),
};

/** Resolves with the abort reason once the `test.block` node of `runId` is aborted. */
export function abortOf(runId: string): Promise<unknown> {
  return new Promise((resolve) => observed.aborted.set(runId, resolve));
}

/** Resolves once the `test.block` node of `runId` has started. */
export function startOf(runId: string): Promise<void> {
  return new Promise((resolve) => observed.started.set(runId, resolve));
}

export function withTestNodes(registry: NodeRegistry): NodeRegistry {
  return registry
    .register(
      defineNodeType({
        type: 'test.flaky',
        inputs: [{ name: 'in', type: 'any' }],
        outputs: [{ name: 'out', type: 'any' }],
        config: z.object({ failures: z.number().int() }).strict(),
        ui,
        run: ({ input, config, context }) => {
          const key = `${context.runId}:${context.nodeId}`;
          const attempt = (observed.attempts.get(key) ?? 0) + 1;
          observed.attempts.set(key, attempt);
          if (attempt <= config.failures) throw new Error(`flaky failure ${attempt}`);
          return { input, attempt };
        },
      }),
    )
    .register(
      defineNodeType({
        type: 'test.block',
        inputs: [{ name: 'in', type: 'any' }],
        outputs: [{ name: 'out', type: 'any' }],
        config: z.object({}).strict(),
        ui,
        run: ({ context }) =>
          new Promise((_, reject) => {
            observed.started.get(context.runId)?.();
            context.signal.addEventListener('abort', () => {
              observed.aborted.get(context.runId)?.(context.signal.reason);
              reject(new OrchestratorError({ code: 'CANCELLED', op: 'test', message: 'aborted' }));
            });
          }),
      }),
    )
    .register(
      defineNodeType({
        type: 'test.refuse',
        inputs: [{ name: 'in', type: 'any' }],
        outputs: [{ name: 'out', type: 'any' }],
        config: z.object({}).strict(),
        ui,
        run: ({ context }) => {
          const key = `${context.runId}:${context.nodeId}`;
          observed.attempts.set(key, (observed.attempts.get(key) ?? 0) + 1);
          throw new OrchestratorError({
            code: 'VALIDATION_FAILED',
            op: 'test.refuse',
            message: 'this input can never work',
          });
        },
      }),
    );
}
