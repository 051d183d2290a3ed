import { describe, expect, it } from 'vitest';
import { formOf, getAt, labelOf, problemFieldOf, setAt } from './schemaForm';

// Shapes as the server's catalog.list gives them (zod's toJSONSchema, io: input).
const llm = {
  type: 'object',
  properties: {
    model: { type: 'string', minLength: 1 },
    system: { type: 'string' },
    temperature: { type: 'number', minimum: 0, maximum: 2 },
    stream: { default: true, type: 'boolean' },
    memory: {
      default: {},
      type: 'object',
      properties: { enabled: { type: 'boolean' }, maxMessages: { type: 'integer', minimum: 1 } },
    },
    method: { type: 'string', enum: ['GET', 'POST'] },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
  },
  required: ['model'],
};

const input = {
  type: 'object',
  properties: {
    fields: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          type: { type: 'string', enum: ['string', 'number'] },
        },
        required: ['name'],
      },
    },
  },
};

describe('formOf', () => {
  it('maps strings, numbers, booleans, enums, nested objects and free-form objects', () => {
    const fields = formOf(llm);
    expect(fields.map((f) => [f.key, f.kind])).toEqual([
      ['model', 'text'],
      ['system', 'text'],
      ['temperature', 'number'],
      ['stream', 'boolean'],
      ['memory', 'object'],
      ['method', 'enum'],
      ['headers', 'json'],
    ]);
    expect(fields[0]).toMatchObject({ required: true, multiline: false });
    expect(fields[1]).toMatchObject({ required: false, multiline: true });
    expect(fields[2]).toMatchObject({ integer: false, min: 0, max: 2 });
    const memory = fields[4];
    expect(memory?.kind === 'object' && memory.fields.map((f) => f.kind)).toEqual([
      'boolean',
      'number',
    ]);
  });

  it('maps arrays of objects to a list with item fields', () => {
    const [fields] = formOf(input);
    expect(fields?.kind).toBe('list');
    expect(fields?.kind === 'list' && fields.item.map((f) => [f.key, f.kind, f.required])).toEqual([
      ['name', 'text', true],
      ['type', 'enum', false],
    ]);
  });
});

describe('values and names', () => {
  it('sets nested and list values immutably, removing a key set to undefined', () => {
    const config = { memory: { enabled: false }, fields: [{ name: 'a' }] };
    const next = setAt(config, ['fields', 0, 'name'], 'b');
    expect(getAt(next, ['fields', 0, 'name'])).toBe('b');
    expect(config.fields[0]?.name).toBe('a');
    expect(setAt(config, ['memory', 'enabled'], undefined)).toEqual({
      memory: {},
      fields: [{ name: 'a' }],
    });
    expect(setAt({}, ['memory', 'maxMessages'], 5)).toEqual({ memory: { maxMessages: 5 } });
  });

  it('names fields as validate() does, and labels keys for people', () => {
    expect(problemFieldOf(['fields', 0, 'name'])).toBe('config.fields.0.name');
    expect(labelOf('timeLimitMs')).toBe('Time limit (ms)');
    expect(labelOf('baseUrl')).toBe('Base URL');
    expect(labelOf('ms')).toBe('Milliseconds');
  });
});
