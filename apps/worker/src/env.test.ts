import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it("reads the server's credentials key from the environment or its key file, and refuses others", () => {
    const key = randomBytes(32);
    expect(loadEnv({}).credentialsKey).toBeUndefined();
    expect(loadEnv({ BELUGA_CREDENTIALS_KEY: key.toString('hex') }).credentialsKey).toEqual(key);
    const file = join(mkdtempSync(join(tmpdir(), 'beluga-worker-')), 'credentials.key');
    writeFileSync(file, `${key.toString('base64url')}\n`);
    expect(loadEnv({ BELUGA_CREDENTIALS_KEY_FILE: file }).credentialsKey).toEqual(key);
    expect(() => loadEnv({ BELUGA_CREDENTIALS_KEY: 'too-short' })).toThrow(
      /BELUGA_CREDENTIALS_KEY: must be 32 bytes written as 64 hex digits or 44 base64 characters/,
    );
    expect(() => loadEnv({ BELUGA_CREDENTIALS_KEY_FILE: `${file}.missing` })).toThrow(
      `BELUGA_CREDENTIALS_KEY_FILE (${file}.missing) cannot be read: ENOENT`,
    );
  });
});
