import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseOptions, RetryOptionSchema } from './options.js';

const Schema = z
  .object({
    name: z.string().min(1).default('x'),
    retries: RetryOptionSchema.optional(),
    nested: z.object({ size: z.number().int().positive() }).strict().optional(),
  })
  .strict();

function problemOf(input: unknown): { field?: string; message: string; code: string } {
  try {
    parseOptions(Schema, input, 'test', 'test options');
  } catch (error) {
    return error as { field?: string; message: string; code: string };
  }
  throw new Error('expected a failure');
}

describe('parseOptions', () => {
  it('returns the parsed value with defaults, treating undefined as {}', () => {
    expect(parseOptions(Schema, undefined, 'test')).toEqual({ name: 'x' });
  });

  it('names the subject and every bad field; `field` is the first', () => {
    const error = problemOf({ name: '', nested: { size: 0 } });
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.field).toBe('name');
    expect(error.message).toMatch(/^Invalid test options: name: .*; nested\.size: /);
  });

  it('names an unknown key as the bad field, at any depth', () => {
    expect(problemOf({ nmae: 'typo' }).field).toBe('nmae');
    expect(problemOf({ nested: { size: 1, colour: 'red' } }).field).toBe('nested.colour');
  });

  it('reports the matching branch of a union rather than "Invalid input"', () => {
    const error = problemOf({ retries: { jitter: 2 } });
    expect(error.field).toBe('retries.jitter');
    expect(error.message).toMatch(/retries\.jitter: Too big/);
  });

  it('lists the alternatives when no union branch matched the type', () => {
    const error = problemOf({ retries: 'often' });
    expect(error.field).toBe('retries');
    expect(error.message).toContain('expected number');
  });

  it('uses (root) when the value itself is wrong', () => {
    expect(problemOf('nope').field).toBe('(root)');
  });
});
