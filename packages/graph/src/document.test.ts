import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GRAPH_FORMAT, type GraphDocumentInput } from './document.js';
import { exportGraphDocument } from './exportDocument.js';
import { importGraphDocument } from './importDocument.js';
import { graphDocumentJsonSchema } from './jsonSchema.js';

const sample: GraphDocumentInput = {
  format: GRAPH_FORMAT,
  id: 'g1',
  name: 'Fetch and route',
  nodes: [
    { id: 'in', type: 'input', position: { x: 0, y: 0 } },
    {
      id: 'fetch',
      type: 'http.request',
      position: { x: 200, y: 0 },
      config: { url: 'https://example.test', method: 'GET' },
      retry: { maxAttempts: 3 },
      timeoutMs: 5000,
    },
    { id: 'out', type: 'output', position: { x: 400, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'in', target: 'fetch' },
    { id: 'e2', source: 'fetch', target: 'out' },
  ],
};

function imported(source: unknown) {
  const result = importGraphDocument(source);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

describe('import and export', () => {
  it('fills defaults and round-trips byte for byte', () => {
    const { document } = imported(JSON.stringify(sample));
    expect(document.settings).toEqual({ maxWorkers: 16, defaultExecutor: 'local' });
    expect(document.edges[0]).toMatchObject({ sourcePort: 'out', targetPort: 'in' });
    const first = exportGraphDocument(document);
    expect(exportGraphDocument(imported(first).document)).toBe(first);
    expect(first.endsWith('}\n')).toBe(true);
  });

  it('exports the same text whatever the key order of the input', () => {
    const shuffled = JSON.parse(JSON.stringify(sample), function reviver(_key, value: unknown) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
      return Object.fromEntries(Object.entries(value).reverse());
    }) as unknown;
    expect(exportGraphDocument(imported(shuffled).document)).toBe(
      exportGraphDocument(imported(sample).document),
    );
  });

  it('keeps sticky notes, which older documents simply do not have', () => {
    expect(imported(sample).document.notes).toEqual([]);
    const withNotes = {
      ...sample,
      notes: [{ id: 'why', text: 'Retries: the API is flaky', position: { x: 10, y: -80 } }],
    };
    const { document } = imported(withNotes);
    expect(document.notes).toEqual([
      {
        id: 'why',
        text: 'Retries: the API is flaky',
        position: { x: 10, y: -80 },
        color: 'yellow',
      },
    ]);
    const text = exportGraphDocument(document);
    expect(JSON.parse(text)).toMatchObject({ notes: [{ id: 'why', color: 'yellow' }] });
    expect(exportGraphDocument(imported(text).document)).toBe(text);
    const bad = importGraphDocument({
      ...withNotes,
      notes: [{ id: 'n', text: 'x', position: { x: 0, y: 0 }, color: 'teal' }],
    });
    expect(bad.ok ? [] : bad.problems.map((problem) => problem.path)).toEqual(['notes.0.color']);
  });

  it('migrates a v0 document explicitly and says so', () => {
    const v0 = {
      format: 'beluga.graph/v0',
      id: 'old',
      name: 'Old graph',
      maxWorkers: 4,
      nodes: [
        { id: 'a', kind: 'input', position: { x: 0, y: 0 } },
        { id: 'b', kind: 'output', position: { x: 1, y: 0 } },
      ],
      edges: [{ from: 'a', to: 'b' }],
    };
    const result = imported(v0);
    expect(result.migratedFrom).toBe('beluga.graph/v0');
    expect(result.document).toMatchObject({
      format: GRAPH_FORMAT,
      settings: { maxWorkers: 4 },
      nodes: [
        { id: 'a', type: 'input' },
        { id: 'b', type: 'output' },
      ],
      edges: [{ id: 'e0', source: 'a', target: 'b', sourcePort: 'out', targetPort: 'in' }],
    });
  });

  it('accepts unicode ids and keeps a "constructor" config key as data', () => {
    const doc = structuredClone(sample) as GraphDocumentInput & {
      nodes: { config?: Record<string, unknown> }[];
    };
    doc.id = '図表-🐋-'.repeat(20);
    doc.nodes[0]!.config = { constructor: 'plain data', nested: { prototype: 1 } };
    const { document } = imported(JSON.stringify(doc));
    expect(document.id).toBe(doc.id);
    expect(document.nodes[0]?.config).toEqual({
      constructor: 'plain data',
      nested: { prototype: 1 },
    });
    expect(Object.getPrototypeOf(document.nodes[0]?.config)).toBe(Object.prototype);
  });
});

describe('bad input', () => {
  const problems = (source: unknown, options = {}) => {
    const result = importGraphDocument(source, options);
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.problems;
  };

  it('names malformed JSON, oversize, excessive nesting and __proto__ keys', () => {
    expect(problems('{"format": ')[0]).toMatchObject({
      code: 'DOCUMENT_MALFORMED',
      message: expect.stringContaining('not valid JSON') as unknown,
    });
    expect(problems('x'.repeat(2000), { maxBytes: 1000 })[0]?.code).toBe('DOCUMENT_TOO_LARGE');
    expect(problems(JSON.stringify({ s: 'é'.repeat(600) }), { maxBytes: 1000 })[0]?.code).toBe(
      'DOCUMENT_TOO_LARGE',
    );
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(problems(deep)[0]?.code).toMatch(/DOCUMENT_TOO_DEEP|DOCUMENT_MALFORMED/);
    expect(problems(`{"a":${'['.repeat(80)}${']'.repeat(80)}}`)[0]).toMatchObject({
      code: 'DOCUMENT_TOO_DEEP',
    });
    const polluted = `{"format":"${GRAPH_FORMAT}","nodes":[{"config":{"__proto__":{"polluted":true}}}]}`;
    expect(problems(polluted)[0]).toEqual({
      code: 'FORBIDDEN_KEY',
      path: 'nodes.0.config.__proto__',
      message: 'The key "__proto__" is not allowed',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names an unknown format and every schema problem with its path', () => {
    expect(problems({ format: 'beluga.graph/v9' })[0]).toMatchObject({
      code: 'UNKNOWN_FORMAT',
      path: 'format',
    });
    const bad = {
      ...sample,
      name: '',
      nodes: [{ id: 'x\u0001', type: 'input', position: { x: 'left', y: 0 } }],
      extra: 1,
    };
    const paths = problems(bad).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'nodes.0.id', 'nodes.0.position.x', '']));
  });

  it('never throws or pollutes a prototype on arbitrary input (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue(),
          fc
            .jsonValue()
            .map((v) => ({ format: GRAPH_FORMAT, id: 'g', name: 'n', nodes: [v], edges: [] })),
          fc
            .jsonValue()
            .map((v) => `{"format":"${GRAPH_FORMAT}","__proto__":${JSON.stringify(v) ?? 'null'}}`),
        ),
        (input) => {
          const result = importGraphDocument(input);
          expect(typeof result.ok).toBe('boolean');
          expect(Object.prototype).not.toHaveProperty('polluted');
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('JSON Schema', () => {
  it('is published and matches the zod schema', () => {
    const file = new URL('../schema/beluga.graph.v1.schema.json', import.meta.url);
    const published = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    expect(published).toEqual(graphDocumentJsonSchema());
  });
});
