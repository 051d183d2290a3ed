import { compile, createCatalog, type GraphDocument, type NodeCatalog } from '@beluga/graph';
import type { RunEvent } from '@beluga/orchestration';
import { describe, expect, it } from 'vitest';
import { graphDocument } from '../test/documents.js';
import { inputNode, outputNode } from './io.js';
import { createSubgraphNode, type GraphResolver } from './subgraph.js';
import { transformNode } from './transform.js';

function catalogOver(documents: Record<string, GraphDocument>, asked: string[] = []) {
  const resolve: GraphResolver = (ref, { runId }) => {
    asked.push(`${ref} for ${runId}`);
    const document = documents[ref];
    if (!document) throw new Error(`no graph ${ref}`);
    return document;
  };
  const catalogFor = (stack: readonly string[]): NodeCatalog =>
    createCatalog([
      inputNode,
      outputNode,
      transformNode,
      createSubgraphNode({ resolve, catalogFor, stack }),
    ]);
  return catalogFor([]);
}

const wrapper = (ref: string) =>
  graphDocument(
    [
      ['in', 'input'],
      ['inner', 'subgraph', { graph: ref }],
      ['out', 'output'],
    ],
    ['in->inner', 'inner->out'],
  );

describe('subgraph node', () => {
  it('runs another graph with its input and reports the inner node states as progress', async () => {
    const catalog = catalogOver({
      'tax.json': graphDocument(
        [
          ['in', 'input'],
          ['add', 'transform', { expression: '{"net": net, "gross": net * 1.2}' }],
          ['out', 'output'],
        ],
        ['in->add', 'add->out'],
      ),
    });
    const events: RunEvent[] = [];
    const output = await compile(wrapper('tax.json'), catalog).invoke(
      { net: 100 },
      { onEvent: (event) => events.push(event) },
    );
    expect(output).toEqual({ net: 100, gross: 120 });
    const inner = events
      .filter((event) => event.type === 'node.progress' && event.nodeId === 'inner')
      .map((event) => (event.data as { subgraph: { type: string; nodeId: string } }).subgraph);
    expect(inner).toContainEqual({ type: 'node.succeeded', nodeId: 'add', attempt: 1 });
  });

  it("asks the resolver for the run's documents, nested ones under the subgraph's run id", async () => {
    const asked: string[] = [];
    const leaf = graphDocument(
      [
        ['in', 'input'],
        ['out', 'output'],
      ],
      ['in->out'],
    );
    const catalog = catalogOver({ 'mid.json': wrapper('leaf.json'), 'leaf.json': leaf }, asked);
    await compile(wrapper('mid.json'), catalog).invoke({ a: 1 }, { runId: 'run-1' });
    expect(asked).toEqual(['mid.json for run-1', 'leaf.json for run-1/inner']);
  });

  it('refuses a graph that runs itself, naming the chain', async () => {
    const catalog = catalogOver({ 'a.json': wrapper('b.json'), 'b.json': wrapper('a.json') });
    await expect(compile(wrapper('a.json'), catalog).invoke({})).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('Subgraph cycle: a.json → b.json → a.json') as unknown,
    });
  });

  it('fails the node with the resolver error for an unknown graph', async () => {
    const catalog = catalogOver({});
    const events: RunEvent[] = [];
    await expect(
      compile(wrapper('missing.json'), catalog).invoke(
        {},
        { onEvent: (event) => events.push(event) },
      ),
    ).rejects.toThrow();
    expect(events.find((event) => event.type === 'node.failed')).toMatchObject({
      nodeId: 'inner',
      error: { message: expect.stringContaining('no graph missing.json') as unknown },
    });
  });
});
