import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createCatalog, type NodeTypeSpec } from './catalog.js';
import { GRAPH_FORMAT, GraphDocumentSchema, type GraphDocument } from './document.js';
import { validate } from './validate.js';

const types: NodeTypeSpec[] = [
  {
    type: 'input',
    role: 'input',
    inputs: [],
    outputs: [{ name: 'out', type: 'any' }],
    config: z.object({}),
  },
  {
    type: 'output',
    role: 'output',
    inputs: [{ name: 'in', type: 'any', required: true }],
    outputs: [],
    config: z.object({}),
  },
  {
    type: 'fetch',
    inputs: [{ name: 'in', type: 'object', required: true }],
    outputs: [{ name: 'out', type: 'string' }],
    config: z.object({ url: z.url(), method: z.enum(['GET', 'POST']).default('GET') }),
    estimatedMs: 200,
  },
  {
    type: 'count',
    inputs: [{ name: 'in', type: 'number' }],
    outputs: [{ name: 'out', type: 'number' }],
    config: z.object({}),
  },
  {
    type: 'merge',
    inputs: [{ name: 'in', type: 'any', multiple: true }],
    outputs: [{ name: 'out', type: 'object' }],
    config: z.object({}),
  },
];
const catalog = createCatalog(types);

type Spec = [id: string, type: string, config?: Record<string, unknown>];
function doc(nodes: Spec[], edges: [string, string, string?, string?][]): GraphDocument {
  return GraphDocumentSchema.parse({
    format: GRAPH_FORMAT,
    id: 'g',
    name: 'g',
    nodes: nodes.map(([id, type, config]) => ({
      id,
      type,
      position: { x: 0, y: 0 },
      config: config ?? {},
    })),
    edges: edges.map(([source, target, sourcePort, targetPort], i) => ({
      id: `e${i}`,
      source,
      target,
      ...(sourcePort ? { sourcePort } : {}),
      ...(targetPort ? { targetPort } : {}),
    })),
  });
}

describe('validate', () => {
  it('accepts a good graph and returns its layers and critical path', () => {
    const result = validate(
      doc(
        [
          ['in', 'input'],
          ['a', 'fetch', { url: 'https://a.example' }],
          ['b', 'fetch', { url: 'https://b.example' }],
          ['join', 'merge'],
          ['out', 'output'],
        ],
        [
          ['in', 'a'],
          ['in', 'b'],
          ['a', 'join'],
          ['b', 'join'],
          ['join', 'out'],
        ],
      ),
      catalog,
    );
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.plan?.layers).toEqual([['in'], ['a', 'b'], ['join'], ['out']]);
    expect(result.plan?.criticalPath).toEqual(['in', 'a', 'join', 'out']);
    expect(result.plan?.criticalPathMs).toBe(203);
  });

  it('returns every problem at once, each pointing at its node, edge or field', () => {
    const result = validate(
      doc(
        [
          ['in', 'input'],
          ['in', 'input'],
          ['f', 'fetch', { url: 'not a url', method: 'PATCH' }],
          ['n', 'count'],
          ['m', 'mystery'],
          ['out', 'output'],
          ['out2', 'output'],
        ],
        [
          ['in', 'f'],
          ['f', 'n'],
          ['in', 'ghost'],
          ['in', 'out', 'nope'],
          ['in', 'out2'],
          ['n', 'out2'],
        ],
      ),
      catalog,
    );
    const found = result.problems.map((p) => [p.code, p.edgeId ?? p.nodeId, p.field]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['DUPLICATE_NODE_ID', 'in', undefined],
        ['INVALID_CONFIG', 'f', 'config.url'],
        ['INVALID_CONFIG', 'f', 'config.method'],
        ['UNKNOWN_NODE_TYPE', 'm', 'type'],
        ['INCOMPATIBLE_PORTS', 'e1', undefined],
        ['DANGLING_EDGE', 'e2', undefined],
        ['UNKNOWN_PORT', 'e3', 'outputs.nope'],
        ['TOO_MANY_EDGES_INTO_PORT', 'out2', 'inputs.in'],
      ]),
    );
    expect(result.valid).toBe(false);
  });

  it('reports a missing required input, no input or output node, and unreachable nodes', () => {
    const result = validate(
      doc(
        [
          ['f', 'fetch', { url: 'https://x.example' }],
          ['n', 'count'],
        ],
        [['f', 'n']],
      ),
      catalog,
    );
    expect(result.problems.map((p) => p.code)).toEqual([
      'INCOMPATIBLE_PORTS',
      'REQUIRED_INPUT_MISSING',
      'NO_INPUT',
      'NO_OUTPUT',
    ]);
    const island = validate(
      doc(
        [
          ['in', 'input'],
          ['out', 'output'],
          ['lost', 'count'],
          ['out2', 'output'],
        ],
        [
          ['in', 'out'],
          ['lost', 'out2'],
        ],
      ),
      catalog,
    );
    expect(island.problems.map((p) => [p.code, p.nodeId])).toEqual([
      ['UNREACHABLE_NODE', 'lost'],
      ['UNREACHABLE_NODE', 'out2'],
    ]);
  });

  it('reports a cycle with its path and gives no plan', () => {
    const result = validate(
      doc(
        [
          ['in', 'input'],
          ['a', 'merge'],
          ['b', 'merge'],
          ['c', 'merge'],
          ['after', 'merge'],
          ['out', 'output'],
        ],
        [
          ['in', 'a'],
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'a'],
          ['c', 'after'],
          ['after', 'out'],
        ],
      ),
      catalog,
    );
    const cycle = result.problems.find((p) => p.code === 'CYCLE');
    expect(cycle?.path).toHaveLength(4);
    expect(new Set(cycle?.path)).toEqual(new Set(['a', 'b', 'c']));
    expect(cycle?.path?.[0]).toBe(cycle?.path?.[3]);
    expect(result.plan).toBeUndefined();
  });

  it('handles 100,000 nodes without recursion', () => {
    const size = 100_000;
    const nodes: Spec[] = [
      ['n0', 'input'],
      ...Array.from({ length: size - 2 }, (_, i): Spec => [`n${i + 1}`, 'merge']),
      [`n${size - 1}`, 'output'],
    ];
    const edges = Array.from({ length: size - 1 }, (_, i): [string, string] => [
      `n${i}`,
      `n${i + 1}`,
    ]);
    const result = validate(doc(nodes, edges), catalog);
    expect(result.problems).toEqual([]);
    expect(result.plan?.layers).toHaveLength(size);
    expect(result.plan?.criticalPath).toHaveLength(size);
  });
});

describe('validate on arbitrary documents (fuzz)', () => {
  it('never throws and points every problem at something that exists', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd', 'in', 'out', '__proto__', 'constructor', 'ü');
    const node = fc.record({
      id,
      type: fc.constantFrom('input', 'output', 'fetch', 'count', 'merge', 'nope'),
      position: fc.constant({ x: 0, y: 0 }),
      config: fc.dictionary(fc.constantFrom('url', 'method', 'x'), fc.jsonValue(), { maxKeys: 2 }),
    });
    const edge = fc.record({
      id: fc.constantFrom('e1', 'e2', 'e3', 'e4'),
      source: id,
      target: id,
      sourcePort: fc.constantFrom('out', 'x'),
      targetPort: fc.constantFrom('in', 'y'),
    });
    fc.assert(
      fc.property(
        fc.array(node, { maxLength: 8 }),
        fc.array(edge, { maxLength: 10 }),
        (nodes, edges) => {
          const document = GraphDocumentSchema.parse({
            format: GRAPH_FORMAT,
            id: 'g',
            name: 'g',
            nodes,
            edges,
          });
          const result = validate(document, catalog);
          const nodeIds = new Set<string>(nodes.map((n) => n.id));
          const edgeIds = new Set<string>(edges.map((e) => e.id));
          for (const problem of result.problems) {
            expect(typeof problem.message).toBe('string');
            if (problem.nodeId !== undefined && problem.code !== 'DANGLING_EDGE')
              expect(nodeIds.has(problem.nodeId)).toBe(true);
            if (problem.edgeId !== undefined) expect(edgeIds.has(problem.edgeId)).toBe(true);
          }
          expect(result.valid).toBe(result.problems.length === 0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
