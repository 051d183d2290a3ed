import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.js';

describe('loadEnv', () => {
  it('defaults to a local Temporal, the `beluga` task queue and private networks refused', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      address: 'localhost:7233',
      namespace: 'default',
      taskQueue: 'beluga',
      maxConcurrentActivities: 100,
      maxConcurrentWorkflowTasks: 40,
      allowPrivateNetwork: false,
    });
  });

  it('reads concurrency and credentials from the environment', () => {
    const env = loadEnv({
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_TASK_QUEUE: 'graphs',
      BELUGA_WORKER_MAX_ACTIVITIES: '8',
      BELUGA_ALLOW_PRIVATE_NETWORK: 'true',
      BELUGA_CREDENTIAL_OPENAI_KEY: 'sk-1',
    });
    expect(env).toMatchObject({
      address: 'temporal:7233',
      taskQueue: 'graphs',
      maxConcurrentActivities: 8,
      allowPrivateNetwork: true,
    });
    expect(env.credential('openai-key')).toBe('sk-1');
  });

  it('names every invalid variable', () => {
    expect(() =>
      loadEnv({ BELUGA_WORKER_MAX_ACTIVITIES: '0', BELUGA_WORKER_MAX_WORKFLOW_TASKS: 'many' }),
    ).toThrow(/BELUGA_WORKER_MAX_ACTIVITIES[\s\S]*BELUGA_WORKER_MAX_WORKFLOW_TASKS/);
  });
});
