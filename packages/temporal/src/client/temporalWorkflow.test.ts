import type { Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { TemporalWorkflow } from './temporalWorkflow.js';

/** A client whose every call fails the way an unreachable cluster does. */
function unreachableClient(): Client {
  const refused = () => Promise.reject(new Error('14 UNAVAILABLE: connection refused'));
  const handle = {
    result: refused,
    signal: refused,
    query: refused,
    cancel: refused,
    terminate: refused,
    describe: refused,
  };
  return { workflow: { start: refused, getHandle: () => handle } } as unknown as Client;
}

describe('TemporalWorkflow when Temporal fails', () => {
  const workflow = new TemporalWorkflow({
    client: unreachableClient(),
    workflowType: 'graphWorkflow',
    name: 'graph',
    taskQueue: 'beluga',
  });

  it('reports every call as DEPENDENCY_FAILED, naming the call and the cause', async () => {
    const calls = {
      execute: () => workflow.execute({}),
      getResult: () => workflow.getResult('w1'),
      signal: () => workflow.signal('w1', 'approve', {}),
      query: () => workflow.query('w1', 'state'),
      cancel: () => workflow.cancel('w1'),
      terminate: () => workflow.terminate('w1'),
    };
    for (const [op, call] of Object.entries(calls)) {
      await expect(call()).rejects.toMatchObject({
        name: 'OrchestratorError',
        code: 'DEPENDENCY_FAILED',
        op: `workflow.${op}`,
        message: `Temporal refused workflow.${op}: 14 UNAVAILABLE: connection refused`,
        retryable: true,
      });
    }
  });
});
