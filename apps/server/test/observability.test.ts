import type { RunEvent } from '@beluga/orchestration';
import {
  createTraceStore,
  startTelemetry,
  telemetryConfigOf,
  type Telemetry,
} from '@beluga/observability';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@beluga/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDatabase, type TestServer } from './harness.js';
import { callerSpan, captureLog, only, scrape, total, tracedClient } from './observability.js';
import {
  approvalChain,
  collectRun,
  importGraph,
  RawSubscription,
  transformChain,
  waitingAt,
} from './streaming.js';

// The server as main.ts wires it — the OpenTelemetry SDK exporting to a real OTLP/HTTP
// receiver, /metrics, the JSON log — and a local run followed from the caller's span to every
// node.
describe('observability of a local run', () => {
  let receiver: OtlpReceiver;
  let telemetry: Telemetry;
  let server: TestServer;
  let drop: () => Promise<void>;
  const log = captureLog();
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
    const database = await testDatabase('pglite');
    drop = database.drop;
    server = await startTestServer({
      db: database.db,
      app: {
        logger: log.logger,
        metrics: telemetry.metricsHandler,
        traceProxy: { record: (spans) => traceStore.add(spans) },
      },
      traces: traceStore,
      info: (message, fields) => log.logger.info(fields, message),
    });
  });
  afterAll(async () => {
    await server?.stop();
    await drop?.();
    await telemetry?.shutdown();
    await receiver?.stop();
  });

  async function tracedRun(length: number) {
    const caller = callerSpan();
    const graphId = await importGraph(server.client, transformChain(length));
    const run = await tracedClient(server.url, caller.traceparent, server.cookie).runs.start.mutate(
      {
        graphId,
        input: { n: 1 },
      },
    );
    const events = await collectRun(server.client, { runId: run.id });
    return { caller, run, events };
  }

  it('chains caller → HTTP request → tRPC procedure → run → every node in one exported trace', async () => {
    const { caller, run, events } = await tracedRun(3);
    const nodeIds = ['in', 't1', 't2', 't3', 'out'];
    await telemetry.flush();
    const inTrace = (spans: ReceivedSpan[]) => spans.filter((s) => s.traceId === caller.traceId);
    const spans = inTrace(
      await receiver.waitFor(
        (all) => inTrace(all).filter((span) => span.name.startsWith('node ')).length === 5,
      ),
    );
    const http = only(spans, 'POST /trpc');
    expect(http).toMatchObject({ parentSpanId: caller.spanId, kind: 2, service: 'beluga-server' });
    expect(http.attributes).toMatchObject({ 'http.response.status_code': 200 });
    const procedure = only(spans, 'trpc runs.start');
    expect(procedure).toMatchObject({ parentSpanId: http.spanId });
    expect(procedure.attributes).toMatchObject({
      'rpc.system': 'trpc',
      'rpc.method': 'runs.start',
    });
    const graph = only(spans, 'graph streaming test');
    expect(graph).toMatchObject({ parentSpanId: procedure.spanId });
    expect(graph.attributes).toMatchObject({ 'beluga.run.id': run.id });
    for (const id of nodeIds)
      expect(only(spans, `node ${id}`), id).toMatchObject({ parentSpanId: graph.spanId });
    // The run's events name its trace: the UI links a run to it.
    const traced = events.filter((event: RunEvent) => event.traceId !== undefined);
    expect(traced.length).toBeGreaterThan(0);
    expect(new Set(traced.map((event) => event.traceId))).toEqual(new Set([caller.traceId]));
  });

  it('writes the run’s log lines with its trace id', async () => {
    const { caller, run } = await tracedRun(1);
    const ofRun = log.lines.filter((line) => line.runId === run.id);
    expect(ofRun.map((line) => line.msg)).toEqual(['run started', 'run finished']);
    for (const line of ofRun) expect(line).toMatchObject({ trace_id: caller.traceId });
    const request = log.lines.find(
      (line) => line.msg === 'request' && line.trace_id === caller.traceId,
    );
    expect(request).toMatchObject({ method: 'POST', status: 200, path: '/trpc/runs.start' });
    expect(typeof request?.span_id).toBe('string');
  });

  it('counts runs, executions and nodes at /metrics as runs happen', async () => {
    const before = await scrape(server.url);
    await tracedRun(2);
    await tracedRun(2);
    const after = await scrape(server.url);
    const moved = (name: string, labels: Record<string, string> = {}) =>
      total(after, name, labels) - total(before, name, labels);
    expect(moved('beluga_runs_started_total', { executor: 'local' })).toBe(2);
    expect(moved('beluga_orchestration_executions_total', { kind: 'graph' })).toBe(2);
    expect(moved('beluga_orchestration_nodes_total')).toBe(8);
    // Node durations come from the stored run events (the engine records none by default).
    expect(moved('beluga_node_duration_count', { status: 'succeeded' })).toBe(8);
    expect(moved('beluga_orchestration_duration_count', { kind: 'graph' })).toBe(2);
    expect(total(after, 'beluga_orchestration_active', { kind: 'graph' })).toBe(0);
  });

  it('counts the open run-event streams', async () => {
    const graphId = await importGraph(server.client, approvalChain(1));
    const run = await server.client.runs.start.mutate({ graphId, input: {} });
    const subscribers = async () =>
      total(await scrape(server.url), 'beluga_event_stream_subscribers');
    const idle = await subscribers();
    const stream = await RawSubscription.open(server.url, { cookie: server.cookie, runId: run.id });
    await stream.until(waitingAt('a1'));
    expect(await subscribers()).toBe(idle + 1);
    await server.client.runs.approve.mutate({ runId: run.id, nodeId: 'a1' });
    // The server ends a finished run's stream once its generator has returned.
    await stream.toEnd();
    expect(await subscribers()).toBe(idle);
  });

  it('answers a run’s trace for the run panel — the browser’s spans (through /v1/traces) and the server’s', async () => {
    const { caller, run } = await tracedRun(2);
    // The browser's action span, exported to the server as the web app does.
    const browserBatch = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'any' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: caller.traceId,
                  spanId: caller.spanId,
                  name: 'Run',
                  kind: 1,
                  startTimeUnixNano: `${BigInt(Date.now() - 50) * 1_000_000n}`,
                  endTimeUnixNano: `${BigInt(Date.now()) * 1_000_000n}`,
                  attributes: [{ key: 'beluga.action', value: { stringValue: 'Run' } }],
                },
              ],
            },
          ],
        },
      ],
    };
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(browserBatch),
      });
    // Only signed-in pages post spans.
    expect((await post({})).status).toBe(401);
    const posted = await post({ cookie: server.cookie, origin: server.url });
    expect(posted.status).toBe(200);
    const trace = await server.client.runs.trace.query({ runId: run.id });
    expect(trace).toMatchObject({ traceId: caller.traceId, kept: true, dropped: 0 });
    const named = (name: string) => trace.spans.find((span) => span.name === name);
    expect(named('Run')).toMatchObject({ parentSpanId: '', service: 'beluga-web', error: false });
    expect(named('Run')?.durationMs).toBeGreaterThan(0);
    const http = named('POST /trpc');
    expect(http?.parentSpanId).toBe(caller.spanId);
    expect(named('trpc runs.start')?.parentSpanId).toBe(http?.spanId);
    const graph = named('graph streaming test');
    expect(graph?.attributes).toMatchObject({ 'beluga.run.id': run.id });
    for (const id of ['in', 't1', 't2', 'out'])
      expect(named(`node ${id}`)?.parentSpanId).toBe(graph?.spanId);
  });
});
