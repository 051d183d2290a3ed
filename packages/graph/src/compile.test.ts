import { createOrchestrator, type GraphOptions, type RunEvent } from '@beluga/orchestration';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createCatalog, type NodeTypeSpec } from './catalog.js';
import { compile } from './compile.js';
import { GRAPH_FORMAT, GraphDocumentSchema, type GraphDocumentInput } from './document.js';

const types: NodeTypeSpec[] = [
  {
    type: 'input',
    role: 'input',
    inputs: [],
    outputs: [{ name: 'out', type: 'any' }],
    config: z.object({}),
    run: ({ input }) => input,
  },
  {
    type: 'output',
    role: 'output',
    inputs: [{ name: 'in', type: 'any', required: true }],
    outputs: [],
    config: z.object({}),
    run: ({ input }) => input,
  },
  {
    type: 'scale',
    inputs: [{ name: 'in', type: 'number', required: true }],
    outputs: [{ name: 'out', type: 'number' }],
    config: z.object({ factor: z.number().default(2) }),
    run: ({ input, config }) => (input as number) * (config as { factor: number }).factor,
  },
  {
    type: 'branch',
    inputs: [{ name: 'in', type: 'number', required: true }],
    outputs: [
      { name: 'true', type: 'number' },
      { name: 'false', type: 'number' },
    ],
    config: z.object({ above: z.number() }),
    run: ({ input, config }) =>
      (input as number) > (config as { above: number }).above ? { true: input } : { false: input },
  },
  {
    type: 'label',
    inputs: [{ name: 'in', type: 'number', required: true }],
    outputs: [{ name: 'out', type: 'string' }],
    config: z.object({ text: z.string() }),
    run: ({ input, config }) => `${(config as { text: string }).text} ${String(input)}`,
  },
  {
    type: 'merge',
    join: 'any',
    inputs: [{ name: 'in', type: 'any', multiple: true }],
    outputs: [{ name: 'out', type: 'any' }],
    config: z.object({}),
    run: ({ input }) => Object.values(input as Record<string, unknown>)[0],
  },
  {
    type: 'paper',
    inputs: [{ name: 'in', type: 'any' }],
    outputs: [{ name: 'out', type: 'any' }],
    config: z.object({}),
  },
];
const catalog = createCatalog(types);

function document(
  input: Partial<GraphDocumentInput> & Pick<GraphDocumentInput, 'nodes' | 'edges'>,
) {
  return GraphDocumentSchema.parse({ format: GRAPH_FORMAT, id: 'g', name: 'pipeline', ...input });
}
const at = { x: 0, y: 0 };

describe('compile', () => {
  const routed = document({
    nodes: [
      { id: 'in', type: 'input', position: at },
      { id: 'x3', type: 'scale', position: at, config: { factor: 3 } },
      { id: 'check', type: 'branch', position: at, config: { above: 10 } },
      { id: 'big', type: 'label', position: at, config: { text: 'big' } },
      { id: 'small', type: 'label', position: at, config: { text: 'small' } },
      { id: 'join', type: 'merge', position: at },
      { id: 'out', type: 'output', position: at },
    ],
    edges: [
      { id: 'e1', source: 'in', target: 'x3' },
      { id: 'e2', source: 'x3', target: 'check' },
      { id: 'e3', source: 'check', sourcePort: 'true', target: 'big' },
      { id: 'e4', source: 'check', sourcePort: 'false', target: 'small' },
      { id: 'e5', source: 'big', target: 'join' },
      { id: 'e6', source: 'small', target: 'join' },
      { id: 'e7', source: 'join', target: 'out' },
    ],
  });

  it('runs a document on the engine: config defaults, branches and skips', async () => {
    const graph = compile(routed, catalog);
    await expect(graph.invoke(5)).resolves.toBe('big 15');
    const events: RunEvent[] = [];
    await expect(graph.invoke(2, { onEvent: (e) => events.push(e) })).resolves.toBe('small 6');
    expect(events.filter((e) => e.type === 'node.skipped').map((e) => e.nodeId)).toEqual(['big']);
  });

  it('carries retry, timeout and continue-on-error settings to the engine', async () => {
    let calls = 0;
    const flaky: NodeTypeSpec = {
      type: 'flaky',
      inputs: [{ name: 'in', type: 'any' }],
      outputs: [{ name: 'out', type: 'any' }],
      config: z.object({}),
      run: () => (++calls < 3 ? Promise.reject(new Error('transient')) : 'ok'),
    };
    const doc = document({
      nodes: [
        { id: 'in', type: 'input', position: at },
        {
          id: 'f',
          type: 'flaky',
          position: at,
          retry: { maxAttempts: 3, initialDelayMs: 0, jitter: 0 },
          timeoutMs: 1000,
        },
        { id: 'out', type: 'output', position: at },
      ],
      edges: [
        { id: 'a', source: 'in', target: 'f' },
        { id: 'b', source: 'f', target: 'out' },
      ],
    });
    await expect(compile(doc, createCatalog([...types, flaky])).invoke(null)).resolves.toBe('ok');
    expect(calls).toBe(3);
  });

  it("builds on the createGraph it is given: an orchestrator's, which then counts the runs", async () => {
    let started = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const hold: NodeTypeSpec = {
      type: 'hold',
      inputs: [{ name: 'in', type: 'any' }],
      outputs: [{ name: 'out', type: 'any' }],
      config: z.object({}),
      run: async ({ input }) => {
        started();
        await held;
        return input;
      },
    };
    const doc = document({
      settings: { maxWorkers: 3, runTimeoutMs: 60_000, defaultExecutor: 'local' },
      nodes: [
        { id: 'in', type: 'input', position: at },
        { id: 'h', type: 'hold', position: at },
        { id: 'out', type: 'output', position: at },
      ],
      edges: [
        { id: 'a', source: 'in', target: 'h' },
        { id: 'b', source: 'h', target: 'out' },
      ],
    });
    const orchestrator = createOrchestrator();
    const given: GraphOptions[] = [];
    const graph = compile(doc, createCatalog([...types, hold]), {
      createGraph: (options) => {
        given.push(options);
        return orchestrator.createGraph(options);
      },
    });
    expect(given).toEqual([{ name: 'pipeline', maxWorkers: 3, timeoutMs: 60_000 }]);
    const output = graph.invoke('parcel');
    await running;
    expect(orchestrator.getMetrics()).toMatchObject({ activeGraphs: 1, totalExecutions: 1 });
    release();
    await expect(output).resolves.toBe('parcel');
    expect(orchestrator.getMetrics()).toMatchObject({ activeGraphs: 0, errorCount: 0 });
  });

  it('refuses an invalid document with every problem, and a type that cannot run', () => {
    const broken = document({
      nodes: [
        { id: 'in', type: 'input', position: at },
        { id: 'x', type: 'scale', position: at, config: { factor: 'two' } },
      ],
      edges: [{ id: 'e', source: 'in', target: 'ghost' }],
    });
    expect(() => compile(broken, catalog)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }) as Error,
    );
    try {
      compile(broken, catalog);
    } catch (error) {
      const codes = (error as { details: { problems: { code: string }[] } }).details.problems.map(
        (p) => p.code,
      );
      expect(codes).toEqual(
        expect.arrayContaining([
          'INVALID_CONFIG',
          'DANGLING_EDGE',
          'REQUIRED_INPUT_MISSING',
          'NO_OUTPUT',
        ]),
      );
    }
    const notRunnable = document({
      nodes: [
        { id: 'in', type: 'input', position: at },
        { id: 'p', type: 'paper', position: at },
        { id: 'out', type: 'output', position: at },
      ],
      edges: [
        { id: 'e1', source: 'in', target: 'p' },
        { id: 'e2', source: 'p', target: 'out' },
      ],
    });
    expect(() => compile(notRunnable, catalog)).toThrow(
      'Node type "paper" of node "p" cannot run here',
    );
  });
});
