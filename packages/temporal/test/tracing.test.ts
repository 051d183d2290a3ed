import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientTracingInterceptors,
  createGraphWorkflow,
  type WorkflowSpanExport,
} from '../src/index.js';
import { chainDocument, startHarness, type Harness } from './harness.js';

// What an application with an OpenTelemetry SDK sees: the span it was in when it started a run
// (an API call) is the trace of the workflow and of every node's activity.
const exporter = new InMemorySpanExporter();
const processor = new SimpleSpanProcessor(exporter);
let h: Harness;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [processor] }));
  // Temporal's exporter sink is typed against OpenTelemetry 1.x; the 2.x processor and resource
  // have the same shape at runtime.
  const workflowSpans = {
    spanProcessor: processor,
    resource: resourceFromAttributes({ 'service.name': 'tracing-test' }),
  } as unknown as WorkflowSpanExport;
  h = await startHarness({ worker: { workflowSpans } });
});
afterAll(async () => {
  await h?.stop();
  trace.disable();
  propagation.disable();
  context.disable();
});

describe('tracing through Temporal', () => {
  it('continues the caller’s trace through the workflow to each node’s activity', async () => {
    const client = new Client({
      connection: h.client.connection,
      namespace: h.temporal.namespace,
      interceptors: clientTracingInterceptors(),
    });
    const graphs = createGraphWorkflow(client, { taskQueue: h.taskQueue });
    const document = chainDocument('traced', [
      { id: 'wait', type: 'delay', config: { ms: 1 } },
      { id: 'shape', type: 'transform', config: { expression: '$' } },
    ]);
    const tracer = trace.getTracer('test');
    const traceId = await tracer.startActiveSpan('api.call', async (span) => {
      const { workflowId } = await graphs.execute({ document, input: { n: 1 } });
      await graphs.getResult(workflowId);
      span.end();
      return span.spanContext().traceId;
    });
    const spans = exporter.getFinishedSpans();
    const names = (prefix: string) =>
      spans
        .filter((span) => span.name.startsWith(prefix))
        .map((span) => span.spanContext().traceId);
    // One trace from the call to the nodes: start, the workflow run, and an activity per node
    // (regular and local activities alike).
    expect(names('StartWorkflow')).toEqual([traceId]);
    expect(names('RunWorkflow').length).toBeGreaterThan(0);
    expect(new Set(names('RunWorkflow'))).toEqual(new Set([traceId]));
    const activities = names('RunActivity');
    expect(activities.length).toBeGreaterThanOrEqual(4); // prepare, input, wait, shape, output
    expect(new Set(activities)).toEqual(new Set([traceId]));
    // Each node's activity is a child of the workflow run (no StartActivity span between).
    const parentOf = (span: (typeof spans)[number]) =>
      span.parentSpanContext?.spanId ?? (span as { parentSpanId?: string }).parentSpanId;
    const runs = new Set(
      spans
        .filter((span) => span.name.startsWith('RunWorkflow'))
        .map((s) => s.spanContext().spanId),
    );
    const nodeSpans = spans.filter((span) => span.name === 'RunActivity:runNode');
    expect(nodeSpans.length).toBeGreaterThanOrEqual(4);
    for (const span of nodeSpans) expect(runs.has(parentOf(span) ?? '')).toBe(true);
    expect(names('StartActivity')).toEqual([]);
  }, 60_000);
});
