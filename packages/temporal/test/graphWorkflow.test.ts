import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainDocument, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('the graph workflow', () => {
  it('runs a chain of transforms and returns the output node value', async () => {
    const document = chainDocument('double', [
      { id: 'double', type: 'transform', config: { expression: '{ "n": n * 2 }' } },
    ]);
    const { workflowId } = await h.graphs.execute({ document, input: { n: 21 } });
    await expect(h.graphs.getResult(workflowId)).resolves.toEqual({ n: 42 });
    const types = h.sink.events(workflowId).map((event) => `${event.type}${event.nodeId ? ` ${event.nodeId}` : ''}`);
    expect(types[0]).toBe('run.started');
    expect(types.at(-1)).toBe('run.succeeded');
    expect(h.sink.events(workflowId).map((event) => event.seq)).toEqual(types.map((_, i) => i + 1));
  });
});
