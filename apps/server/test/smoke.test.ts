import { exampleGraphs } from '@beluga/nodes';
import type { RunEvent } from '@beluga/orchestration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  startTestServer,
  testDatabase,
  type TestServer,
  TEST_WORKSPACE,
} from './harness.js';

describe.each(BACKENDS)('API smoke on %s', (backend) => {
  let server: TestServer;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await testDatabase(backend);
    drop = database.drop;
    server = await startTestServer({ db: database.db });
  });
  afterAll(async () => {
    await server.stop();
    await drop();
  });

  it('imports a graph, runs it and streams its events to the end', async () => {
    const document = exampleGraphs()[0]?.document;
    const { graph } = await server.client.graphs.import.mutate({
      workspaceId: TEST_WORKSPACE,
      document,
    });
    expect(graph.version).toBe(1);
    const simple = {
      ...graph.document,
      nodes: [
        {
          id: 'in',
          type: 'input',
          position: { x: 0, y: 0 },
          config: { fields: [] },
          continueOnError: false,
        },
        {
          id: 'double',
          type: 'transform',
          position: { x: 0, y: 0 },
          config: { expression: 'n * 2' },
          continueOnError: false,
        },
        { id: 'out', type: 'output', position: { x: 0, y: 0 }, config: {}, continueOnError: false },
      ],
      edges: [
        { id: 'a', source: 'in', sourcePort: 'out', target: 'double', targetPort: 'in' },
        { id: 'b', source: 'double', sourcePort: 'out', target: 'out', targetPort: 'in' },
      ],
    };
    const saved = await server.client.graphs.update.mutate({
      id: graph.id,
      baseVersion: 1,
      document: simple,
    });
    expect(saved.version).toBe(2);
    const run = await server.client.runs.start.mutate({ graphId: graph.id, input: { n: 21 } });
    const events = await new Promise<RunEvent[]>((resolve, reject) => {
      const received: RunEvent[] = [];
      const subscription = server.client.runs.events.subscribe(
        { runId: run.id },
        {
          onData: ({ data }) => {
            received.push(...(data as RunEvent[]));
            if (received.some((event) => event.type === 'run.succeeded')) {
              subscription.unsubscribe();
              resolve(received);
            }
          },
          onError: reject,
        },
      );
    });
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    const detail = await server.client.runs.get.query({ runId: run.id });
    expect(detail.run).toMatchObject({ status: 'succeeded', output: 42 });
    expect(detail.nodes.find((node) => node.nodeId === 'double')).toMatchObject({
      status: 'succeeded',
      output: 42,
      input: { n: 21 },
    });
  });
});
