import { workflowSpansOf } from '@beluga/api';
import {
  createTraceStore,
  startTelemetry,
  telemetryConfigOf,
  type Telemetry,
} from '@beluga/observability';
import {
  startOtlpReceiver,
  startTemporalDevServer,
  type OtlpReceiver,
  type ReceivedSpan,
  type TemporalDevServer,
} from '@beluga/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDatabase, type TestServer } from './harness.js';
import { callerSpan, only, tracedClient } from './observability.js';
import { collectRun, importGraph, transformChain } from './streaming.js';

// A run on Temporal, traced as main.ts wires it: the in-process worker's workflow spans leave
// through the same exporter as the server's, to a real OTLP/HTTP receiver.
describe('observability of a Temporal run (in-process worker)', () => {
  let receiver: OtlpReceiver;
  let telemetry: Telemetry;
  let temporal: TemporalDevServer;
  let server: TestServer;
  let drop: () => Promise<void>;
  const traceStore = createTraceStore();

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    telemetry = startTelemetry(
      telemetryConfigOf(
        { OTEL_SDK_DISABLED: false, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
        'beluga-server',
      ),
      { spanProcessors: [traceStore.processor] },
    );
    temporal = await startTemporalDevServer();
    const database = await testDatabase('pglite');
    drop = database.drop;
    const workflowSpans = workflowSpansOf(telemetry);
    server = await startTestServer({
      db: database.db,
      traces: traceStore,
      temporal: {
        address: temporal.address,
        taskQueue: 'observability-test',
        worker: true,
        ...(workflowSpans ? { workflowSpans } : {}),
      },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await drop?.();
    await temporal?.stop();
    await telemetry?.shutdown();
    await receiver?.stop();
  }, 60_000);

  it('continues the caller’s trace: API call → StartWorkflow → RunWorkflow → RunActivity per node', async () => {
    const caller = callerSpan();
    const graphId = await importGraph(server.client, transformChain(2));
    const run = await tracedClient(server.url, caller.traceparent, server.cookie).runs.start.mutate(
      {
        graphId,
        input: { n: 1 },
        executor: 'temporal',
      },
    );
    const events = await collectRun(server.client, { runId: run.id });
    expect(events.at(-1)?.type).toBe('run.succeeded');
    await telemetry.flush();
    const inTrace = (all: ReceivedSpan[]) => all.filter((s) => s.traceId === caller.traceId);
    const spans = inTrace(
      await receiver.waitFor((all) =>
        inTrace(all).some((span) => span.name.startsWith('RunWorkflow')),
      ),
    );
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const ancestors = (span: ReceivedSpan): string[] => {
      const parent = byId.get(span.parentSpanId);
      return parent ? [parent.name, ...ancestors(parent)] : [];
    };
    const http = only(spans, 'POST /trpc');
    expect(http.parentSpanId).toBe(caller.spanId);
    const procedure = only(spans, 'trpc runs.start');
    expect(procedure.parentSpanId).toBe(http.spanId);
    const start = spans.find((span) => span.name.startsWith('StartWorkflow'));
    expect(start?.parentSpanId).toBe(procedure.spanId);
    const workflow = spans.find((span) => span.name.startsWith('RunWorkflow'));
    expect(workflow?.parentSpanId).toBe(start?.spanId);
    expect(workflow).toMatchObject({ service: 'beluga-server' });
    // One node activity per node of the graph (in, t1, t2, out), each a child of the workflow
    // run (the workflow passes the trace on without a StartActivity span per node).
    const nodeActivities = spans.filter((span) => span.name === 'RunActivity:runNode');
    expect(nodeActivities).toHaveLength(4);
    for (const activity of nodeActivities)
      expect(ancestors(activity)).toEqual([
        workflow?.name,
        start?.name,
        'trpc runs.start',
        'POST /trpc',
      ]);
    // The run panel's trace view finds the same trace by the run (its events carry no trace id).
    const view = await server.client.runs.trace.query({ runId: run.id });
    expect(view.traceId).toBe(caller.traceId);
    expect(view.spans.filter((span) => span.name === 'RunActivity:runNode')).toHaveLength(4);
    expect(view.spans.map((span) => span.name)).toContain('RunWorkflow:graphWorkflow');
  }, 60_000);

  it('says in /readyz whether workers poll the task queue: required with its own worker, reported without', async () => {
    const own = await fetch(`${server.url}/readyz`);
    expect(own.status).toBe(200);
    const ownBody = (await own.json()) as { components: Record<string, unknown> };
    expect(ownBody.components.workers).toMatchObject({ status: 'ok', required: true });
    expect((ownBody.components.workers as { pollers: number }).pollers).toBeGreaterThan(0);

    const database = await testDatabase('pglite');
    const apiOnly = await startTestServer({
      db: database.db,
      temporal: { address: temporal.address, taskQueue: 'nobody-polls-this', worker: false },
    });
    try {
      const response = await fetch(`${apiOnly.url}/readyz`);
      // Workers of its own it has none: it is ready (local runs go on) and says none poll.
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        status: 'ok',
        components: {
          temporal: { status: 'ok' },
          workers: { status: 'unavailable', pollers: 0, required: false },
        },
      });
    } finally {
      await apiOnly.stop();
      await database.drop();
    }
  });
});
