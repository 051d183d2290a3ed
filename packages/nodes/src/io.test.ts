import { isOrchestratorError } from '@beluga/orchestration';
import { describe, expect, it } from 'vitest';
import { testContext } from '../test/nodeContext.js';
import { checkRunInput, inputJsonSchema, InputConfigSchema, inputNode, outputNode } from './io.js';

const fields = InputConfigSchema.parse({
  fields: [
    { name: 'url', type: 'string', required: true, description: 'What to fetch' },
    { name: 'retries', type: 'number', default: 3 },
    { name: 'tags', type: 'array' },
  ],
}).fields;

function failure(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isOrchestratorError(error))
      return { code: error.code, field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('input node', () => {
  it('passes a valid run input on, with defaults filled and extra keys kept', () => {
    expect(checkRunInput(fields, { url: 'https://a.test', extra: true })).toEqual({
      url: 'https://a.test',
      retries: 3,
      extra: true,
    });
  });

  it('names the missing or mistyped field', () => {
    expect(failure(() => checkRunInput(fields, { retries: 1 }))).toEqual({
      code: 'VALIDATION_FAILED',
      field: 'url',
      message: 'The run input needs "url"',
    });
    expect(failure(() => checkRunInput(fields, { url: 'x', tags: 'a,b' }))).toMatchObject({
      field: 'tags',
      message: '"tags" must be an array, got string',
    });
    expect(failure(() => checkRunInput(fields, 'just text'))).toMatchObject({ field: 'input' });
  });

  it('accepts any JSON when it declares no fields', () => {
    const run = (input: unknown) =>
      inputNode.run({ input, config: { fields: [] }, context: testContext() });
    expect(run([1, 2])).toEqual([1, 2]);
    expect(run(undefined)).toBeNull();
  });

  it('describes its fields as JSON Schema for the run form', () => {
    expect(inputJsonSchema(fields)).toEqual({
      type: 'object',
      properties: {
        url: { type: 'string', description: 'What to fetch' },
        retries: { type: 'number', default: 3 },
        tags: { type: 'array' },
      },
      required: ['url'],
    });
    expect(inputJsonSchema([])).toEqual({});
  });

  it('does not let a __proto__ key of the run input reach any prototype', () => {
    const input = JSON.parse('{"url":"x","__proto__":{"polluted":true}}') as unknown;
    const output = checkRunInput(fields, input) as Record<string, unknown>;
    expect(Object.hasOwn(output, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('output node', () => {
  it('hands its input on as the run output', () => {
    expect(outputNode.run({ input: { a: 1 }, config: {}, context: testContext() })).toEqual({
      a: 1,
    });
  });
});
