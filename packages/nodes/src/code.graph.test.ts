import { compile, createCatalog, type NodeTypeSpec } from '@beluga/graph';
import type { RunEvent } from '@beluga/orchestration';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { graphDocument } from '../test/documents.js';
import { createCodeNode, createCodeSandboxPool } from './code.js';

const pool = createCodeSandboxPool({ maxWorkers: 2 });
afterAll(() => pool.close());

// Minimal input and output types, so that this test depends on the code node only.
const io: NodeTypeSpec[] = [
  {
    type: 'test.input',
    role: 'input',
    inputs: [],
    outputs: [{ name: 'out', type: 'any' }],
    config: z.object({}),
    run: ({ input }) => input,
  },
  {
    type: 'test.output',
    role: 'output',
    inputs: [{ name: 'in', type: 'any', required: true }],
    outputs: [],
    config: z.object({}),
    run: ({ input }) => input,
  },
];
const catalog = createCatalog([createCodeNode({ pool }), ...io]);

function pipeline(code: Record<string, unknown>, timeoutMs?: number) {
  const document = graphDocument(
    [
      ['in', 'test.input'],
      ['double', 'code', code],
      ['out', 'test.output'],
    ],
    ['in->double', 'double->out'],
  );
  if (timeoutMs === undefined) return document;
  return {
    ...document,
    nodes: document.nodes.map((node) => (node.id === 'double' ? { ...node, timeoutMs } : node)),
  };
}

describe('code node in a compiled graph', () => {
  it('computes the run output and streams its console as node.progress', async () => {
    const source = 'console.log("doubling", input.value); return { doubled: input.value * 2 }';
    const events: RunEvent[] = [];
    const graph = compile(pipeline({ source }), catalog);
    await expect(graph.invoke({ value: 21 }, { onEvent: (e) => events.push(e) })).resolves.toEqual({
      doubled: 42,
    });
    const progress = events.filter((event) => event.type === 'node.progress');
    expect(progress).toMatchObject([
      { nodeId: 'double', data: { level: 'info', log: 'doubling 21' } },
    ]);
  });

  it('fails the run with the node error, not retried', async () => {
    const events: RunEvent[] = [];
    const graph = compile(pipeline({ source: 'while (true) {}', timeLimitMs: 200 }), catalog);
    await expect(graph.invoke({}, { onEvent: (e) => events.push(e) })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    expect(events.filter((event) => event.type === 'node.retrying')).toEqual([]);
    expect(events.find((event) => event.type === 'node.failed')).toMatchObject({
      nodeId: 'double',
      error: { code: 'TIMEOUT', retryable: false },
    });
  });

  it("stops the code when the engine's node timeout aborts the attempt", async () => {
    const code = { source: 'while (true) {}', timeLimitMs: 30_000 };
    const graph = compile(pipeline(code, 300), catalog);
    const started = performance.now();
    const error: unknown = await graph.invoke({}).catch((thrown: unknown) => thrown);
    expect(performance.now() - started).toBeLessThan(5000);
    // The engine's own timeout (its reason on the signal), not the code's time limit.
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect((error as Error).message).not.toContain('time limit of 30000 ms');
  });
});
