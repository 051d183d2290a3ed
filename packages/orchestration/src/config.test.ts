import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrchestratorError } from './errors.js';
import { parseConfig } from './config.js';

function configError(input: unknown): OrchestratorError {
  try {
    parseConfig(input);
  } catch (error) {
    if (error instanceof OrchestratorError) return error;
    throw error;
  }
  throw new Error('expected parseConfig to throw');
}

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    expect(parseConfig()).toEqual({
      enableChains: true,
      enableGraphs: true,
      enableWorkflows: true,
      defaultTimeoutMs: 300_000,
      maxConcurrentExecutions: 1000,
      chain: { defaultRetries: 0 },
      graph: { maxWorkers: 16, queueSize: 1_000_000 },
      workflow: { defaultProvider: 'local', taskQueue: 'beluga-workflows' },
      healthCheckTimeoutMs: 5000,
      metricsEnabled: true,
      tracingEnabled: true,
    });
  });

  it('fills the defaults of a partly given section', () => {
    const config = parseConfig({ graph: { maxWorkers: 4 }, workflow: { taskQueue: 'q' } });
    expect(config.graph).toEqual({ maxWorkers: 4, queueSize: 1_000_000 });
    expect(config.workflow).toEqual({ defaultProvider: 'local', taskQueue: 'q' });
  });

  it('treats undefined and null as "all defaults"', () => {
    expect(parseConfig(undefined)).toEqual(parseConfig({}));
    expect(parseConfig(null)).toEqual(parseConfig({}));
  });

  it('names a nested bad field by its dotted path', () => {
    const error = configError({ graph: { maxWorkers: 0 } });
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.field).toBe('graph.maxWorkers');
    expect(error.message).toContain('graph.maxWorkers');
  });

  it('names every bad field in the message, the first one in `field`', () => {
    const error = configError({
      defaultTimeoutMs: -1,
      chain: { defaultRetries: 1.5 },
      workflow: { taskQueue: '' },
    });
    expect(error.field).toBe('defaultTimeoutMs');
    for (const field of ['defaultTimeoutMs', 'chain.defaultRetries', 'workflow.taskQueue']) {
      expect(error.message).toContain(field);
    }
  });

  it('rejects unknown keys, naming them (a typo must not pass silently)', () => {
    const error = configError({ graph: { maxWorker: 3 } });
    expect(error.field).toBe('graph.maxWorker');
    expect(error.message).toContain('maxWorker');
  });

  it('rejects a value that is not an object', () => {
    expect(configError('fast').code).toBe('INVALID_CONFIG');
  });

  it('is idempotent: a parsed configuration parses to itself', () => {
    const input = fc.record(
      {
        enableChains: fc.boolean(),
        defaultTimeoutMs: fc.nat(),
        maxConcurrentExecutions: fc.integer({ min: 1, max: 1e6 }),
        graph: fc.record({ maxWorkers: fc.integer({ min: 1, max: 100 }) }, { requiredKeys: [] }),
        workflow: fc.record({ taskQueue: fc.string({ minLength: 1 }) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(input, (value) => {
        const config = parseConfig(value);
        expect(parseConfig(config)).toEqual(config);
      }),
    );
  });
});
