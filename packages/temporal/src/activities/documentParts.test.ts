import { createNodeRegistry, exampleGraphs } from '@beluga/nodes';
import { describe, expect, it } from 'vitest';
import { DocumentParts } from './documentParts.js';
import { prepareGraph } from './prepareGraph.js';

const registry = createNodeRegistry();
const example = exampleGraphs().find((graph) => graph.document.id === 'llm-draft-review');
const document = example?.document;

describe('DocumentParts', () => {
  const parts = new DocumentParts({
    registry,
    partSize: 3,
    loadDocument: (ref) => Promise.resolve(ref === 'draft@1' ? document : undefined),
  });

  it('hands out a referenced graph in parts that add up to the compiled graph, configs left out', async () => {
    const whole = prepareGraph(registry, document);
    const outline = await parts.outline('draft@1');
    expect(outline).toEqual({ name: whole.name, maxWorkers: whole.maxWorkers, parts: 4 });
    const all = await Promise.all([0, 1, 2, 3].map((index) => parts.part('draft@1', index)));
    expect(all.flatMap((part) => part.plan.nodes)).toEqual(whole.plan.nodes);
    expect(all.flatMap((part) => part.plan.edges)).toEqual(whole.plan.edges);
    expect(all.flatMap((part) => part.plan.entryPoints)).toEqual(whole.plan.entryPoints);
    expect(all.flatMap((part) => part.plan.finishPoints)).toEqual(whole.plan.finishPoints);
    const nodes = all.flatMap((part) => part.nodes);
    expect(nodes.map((node) => node.config)).toEqual(whole.nodes.map(() => ({})));
    expect(nodes.find((node) => node.id === 'review')?.approval).toEqual({
      prompt: 'Publish this draft?',
      timeoutMs: 3_600_000,
    });
    await expect(parts.configOf('draft@1', 'outline')).resolves.toMatchObject({
      model: 'llama3.2',
    });
  });

  it('names the node a config is asked for when the graph has none of that id', async () => {
    await expect(parts.configOf('draft@1', 'nope')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Graph "draft@1" has no node "nope"',
    });
  });

  it('refuses references on a worker that cannot load documents', async () => {
    const without = new DocumentParts({ registry, partSize: 10 });
    await expect(without.outline('draft@1')).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'This worker cannot load graph "draft@1": it has no loadDocument',
    });
  });
});
