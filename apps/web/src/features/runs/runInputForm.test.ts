import type { GraphDocument } from '@beluga/graph';
import { describe, expect, it } from 'vitest';
import { initialRunValues, parseRawInput, runFieldsOf, toRunInput } from './runInputForm';

const document: GraphDocument = {
  format: 'beluga.graph/v1',
  id: 'g',
  name: 'G',
  description: '',
  settings: { maxWorkers: 16, defaultExecutor: 'local' },
  edges: [],
  notes: [],
  nodes: [
    {
      id: 'in',
      type: 'input',
      position: { x: 0, y: 0 },
      continueOnError: false,
      config: {
        fields: [
          { name: 'topic', type: 'string', required: true, description: 'What about' },
          { name: 'count', type: 'number', required: false, default: 3 },
          { name: 'loud', type: 'boolean', required: false },
          { name: 'tags', type: 'array', required: false, default: ['a'] },
          { name: 'meta', type: 'object', required: false },
        ],
      },
    },
    { id: 'x', type: 'transform', position: { x: 0, y: 0 }, continueOnError: false, config: {} },
  ],
};

describe('the run form', () => {
  const fields = runFieldsOf(document);

  it('takes its fields from the input node and prefills the defaults', () => {
    expect(fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ['topic', 'string', true],
      ['count', 'number', false],
      ['loud', 'boolean', false],
      ['tags', 'array', false],
      ['meta', 'object', false],
    ]);
    expect(initialRunValues(fields)).toEqual({
      topic: '',
      count: '3',
      loud: '',
      tags: '[\n  "a"\n]',
      meta: '',
    });
  });

  it('types the values and leaves out the empty optional ones', () => {
    const values = { ...initialRunValues(fields), topic: 'whales', loud: 'true' };
    expect(toRunInput(fields, values)).toEqual({
      ok: true,
      input: { topic: 'whales', count: 3, loud: true, tags: ['a'] },
    });
  });

  it('names each missing or malformed field', () => {
    const values = { topic: '', count: 'three', loud: '', tags: '{}', meta: '{' };
    const result = toRunInput(fields, values);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.topic).toBe('Required');
    expect(result.errors.count).toBe('Must be a number');
    expect(result.errors.tags).toBe('Must be a JSON array');
    expect(result.errors.meta).toMatch(/^Not valid JSON/);
    expect(result.errors.loud).toBeUndefined();
  });

  it('takes any JSON when the graph declares no fields', () => {
    expect(runFieldsOf({ ...document, nodes: [] })).toEqual([]);
    expect(parseRawInput('  ')).toEqual({ ok: true, input: null });
    expect(parseRawInput('[1]')).toEqual({ ok: true, input: [1] });
    expect(parseRawInput('nope').ok).toBe(false);
  });
});
