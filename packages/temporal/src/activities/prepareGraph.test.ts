import { createNodeRegistry } from '@beluga/nodes';
import { describe, expect, it } from 'vitest';
import { prepareGraph } from './prepareGraph.js';

const registry = createNodeRegistry();

function graph(nodes: { id: string; type: string; config?: object; timeoutMs?: number }[]) {
  const all = [{ id: 'in', type: 'input' }, ...nodes, { id: 'out', type: 'output' }];
  return {
    format: 'beluga.graph/v1',
    id: 'g',
    name: 'g',
    nodes: all.map((node) => ({ position: { x: 0, y: 0 }, config: {}, ...node })),
    edges: all.slice(1).map((node, i) => ({
      id: `e${i}`,
      source: (all[i] as { id: string }).id,
      target: node.id,
    })),
  };
}

describe('prepareGraph', () => {
  it("bounds each node by its timeout or its type's bound from the config, whichever is smaller", () => {
    const spec = prepareGraph(
      registry,
      graph([
        { id: 'wait', type: 'delay', config: { ms: 10 } },
        { id: 'longWait', type: 'delay', config: { ms: 60_000 }, timeoutMs: 500 },
        { id: 'script', type: 'code', config: { source: 'return input' } },
        {
          id: 'fetch',
          type: 'http.request',
          config: { url: 'https://example.com', timeoutMs: 900 },
        },
        { id: 'join', type: 'merge', config: { mode: 'first' } },
        { id: 'joinBounded', type: 'merge', config: { mode: 'first' }, timeoutMs: 50 },
      ]),
    );
    const maxMs = Object.fromEntries(spec.nodes.map((node) => [node.id, node.maxMs]));
    expect(maxMs).toEqual({
      in: undefined,
      wait: 10,
      longWait: 500,
      script: 1000, // the code node's default time limit
      fetch: 900,
      join: undefined,
      joinBounded: 50,
      out: undefined,
    });
  });
});
