import { describe, expect, it } from 'vitest';
import { readTemporalCliPath, readTestDatabaseUrl } from './env.js';

describe('env', () => {
  it('names TEST_DATABASE_URL and the test command when the variable is missing', () => {
    expect(() => readTestDatabaseUrl({})).toThrow(/TEST_DATABASE_URL.*scripts\/test\.sh/);
    expect(() => readTestDatabaseUrl({ TEST_DATABASE_URL: ' ' })).toThrow(/TEST_DATABASE_URL/);
  });

  it('names TEMPORAL_CLI_PATH and the test command when the variable is missing', () => {
    expect(() => readTemporalCliPath({})).toThrow(/TEMPORAL_CLI_PATH.*scripts\/test\.sh/);
  });

  it('returns the configured values', () => {
    expect(readTestDatabaseUrl({ TEST_DATABASE_URL: 'postgres://u@h/db' })).toBe(
      'postgres://u@h/db',
    );
    expect(readTemporalCliPath({ TEMPORAL_CLI_PATH: '/bin/temporal' })).toBe('/bin/temporal');
  });
});
