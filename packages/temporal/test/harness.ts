// One Temporal dev server, one workflow bundle and one worker per test file; the graph workflow's
// events go to an in-memory sink the tests read.
import { randomUUID } from 'node:crypto';
import { createNodeRegistry, type NodeRegistry, type NodeServices } from '@beluga/nodes';
import type { RunEvent } from '@beluga/orchestration';
import {
  startTemporalDevServer,
  type StartTemporalDevServerOptions,
  type TemporalDevServer,
} from '@beluga/testkit';
import { Client, Connection } from '@temporalio/client';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  type Worker,
  type WorkflowBundle,
} from '@temporalio/worker';
import {
  bundleGraphWorkflows,
  createGraphWorker,
  createGraphWorkflow,
  createMemoryRunEventSink,
  type GraphWorkerOptions,
  type MemoryRunEventSink,
} from '../src/index.js';

export interface Harness {
  temporal: TemporalDevServer;
  client: Client;
  connection: NativeConnection;
  sink: MemoryRunEventSink;
  bundle: WorkflowBundle;
  taskQueue: string;
  worker: Worker;
  graphs: ReturnType<typeof createGraphWorkflow>;
  /** Waits until the run has an event matching `predicate` (pushed by the sink, no polling). */
  waitForEvent(runId: string, predicate: (event: RunEvent) => boolean): Promise<RunEvent>;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

export interface HarnessOptions {
  services?: NodeServices;
  registry?: (registry: NodeRegistry) => NodeRegistry;
  worker?: Partial<GraphWorkerOptions>;
  workflowsPath?: string;
  temporal?: StartTemporalDevServerOptions;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  if (!runtimeInstalled) {
    // The tests fail activities and workflows on purpose; Temporal warns about each of those.
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    runtimeInstalled = true;
  }
  const [temporal, bundle] = await Promise.all([
    startTemporalDevServer(options.temporal),
    bundleGraphWorkflows({
      logger: new DefaultLogger('WARN'),
      ...(options.workflowsPath ? { workflowsPath: options.workflowsPath } : {}),
    }),
  ]);
  const connection = await NativeConnection.connect({ address: temporal.address });
  const clientConnection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection: clientConnection, namespace: temporal.namespace });
  const sink = createMemoryRunEventSink();
  const taskQueue = `graphs-${randomUUID()}`;
  const base = createNodeRegistry({ network: { allowPrivateNetworks: true }, ...options.services });
  const registry = options.registry ? options.registry(base) : base;
  const worker = await createGraphWorker({
    connection,
    namespace: temporal.namespace,
    taskQueue,
    registry,
    sink,
    workflowBundle: bundle,
    ...options.worker,
  });
  const running = worker.run();
  const graphs = createGraphWorkflow(client, { taskQueue });
  return {
    temporal,
    client,
    connection,
    sink,
    bundle,
    taskQueue,
    worker,
    graphs,
    waitForEvent: (runId, predicate) => waitForEvent(sink, runId, predicate),
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await clientConnection.close();
      await connection.close();
      await temporal.stop();
    },
  };
}

function waitForEvent(
  sink: MemoryRunEventSink,
  runId: string,
  predicate: (event: RunEvent) => boolean,
): Promise<RunEvent> {
  const found = sink.events(runId).find(predicate);
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const unsubscribe = sink.subscribe((id, events) => {
      const match = id === runId ? events.find(predicate) : undefined;
      if (!match) return;
      unsubscribe();
      resolve(match);
    });
  });
}

/** A minimal valid graph document: input → nodes → output, built from a list of steps. */
export function chainDocument(
  id: string,
  steps: { id: string; type: string; config?: Record<string, unknown>; extra?: object }[],
): Record<string, unknown> {
  const nodes = [
    { id: 'in', type: 'input', position: { x: 0, y: 0 }, config: {} },
    ...steps.map((step, i) => ({
      id: step.id,
      type: step.type,
      position: { x: 100 * (i + 1), y: 0 },
      config: step.config ?? {},
      ...step.extra,
    })),
    { id: 'out', type: 'output', position: { x: 100 * (steps.length + 1), y: 0 }, config: {} },
  ];
  const ids = nodes.map((node) => node.id);
  const edges = ids.slice(1).map((target, i) => ({
    id: `e${i}`,
    source: ids[i] as string,
    target,
  }));
  return { format: 'beluga.graph/v1', id, name: id, nodes, edges };
}
