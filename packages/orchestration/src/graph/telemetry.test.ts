import { SpanStatusCode, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createTestTelemetry } from '../../test/telemetry.js';
import type { RunEvent } from '../events.js';
import { createGraph } from './graph.js';

describe('graph telemetry', () => {
  it('records a graph span with one child span per node, and puts their ids on events', async () => {
    const otel = createTestTelemetry();
    const events: RunEvent[] = [];
    const graph = createGraph({ name: 'pipeline', telemetry: otel.telemetry })
      .addNode('load', (x) => x)
      .addNode('save', (x) => x)
      .addEdge('load', 'save');
    await graph.invoke(1, { onEvent: (e) => events.push(e), runId: 'r1' });
    const spans = otel.spans();
    const root = spans.find((s) => s.name === 'graph pipeline');
    expect(root?.attributes).toMatchObject({
      'beluga.run.id': 'r1',
      'beluga.graph.nodes': 2,
      'beluga.run.status': 'succeeded',
    });
    const nodes = spans.filter((s) => s.name.startsWith('node '));
    expect(nodes.map((s) => s.name).sort()).toEqual(['node load', 'node save']);
    for (const span of nodes) {
      expect(span.parentSpanContext?.spanId).toBe(root?.spanContext().spanId);
      expect(span.spanContext().traceId).toBe(root?.spanContext().traceId);
    }
    const saveSpan = nodes.find((s) => s.name === 'node save');
    const saveEvent = events.find((e) => e.type === 'node.succeeded' && e.nodeId === 'save');
    expect(saveEvent).toMatchObject({
      traceId: root?.spanContext().traceId,
      spanId: saveSpan?.spanContext().spanId,
    });
    expect(events[0]).toMatchObject({ type: 'run.started', spanId: root?.spanContext().spanId });
  });

  it('records errors on the failing node span and the graph span', async () => {
    const otel = createTestTelemetry();
    const graph = createGraph({ name: 'broken', telemetry: otel.telemetry }).addNode(
      'explode',
      () => {
        throw new Error('kaboom');
      },
    );
    await expect(graph.invoke(null)).rejects.toThrow('kaboom');
    const [node, root] = ['node explode', 'graph broken'].map((name) =>
      otel.spans().find((s) => s.name === name),
    );
    expect(node?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'kaboom' });
    expect(node?.events.map((e) => e.name)).toContain('exception');
    expect(root?.status.code).toBe(SpanStatusCode.ERROR);
    expect(root?.attributes['beluga.error.code']).toBe('EXECUTION_FAILED');
  });

  it('counts executions, errors, nodes by status, durations and active runs', async () => {
    const otel = createTestTelemetry();
    const graph = createGraph({ name: 'm', telemetry: otel.telemetry, recordNodeDurations: true })
      .addNode('gate', (x) => (x ? { yes: 1 } : {}), { outputs: ['yes'] })
      .addNode('work', (x) => x)
      .addEdge('gate', 'work', { sourcePort: 'yes' });
    await graph.invoke(true);
    await graph.invoke(false);
    const failing = createGraph({ name: 'f', telemetry: otel.telemetry }).addNode('x', () =>
      Promise.reject(new Error('no')),
    );
    await expect(failing.invoke(null)).rejects.toThrow();

    expect(
      await otel.sum('beluga.orchestration.executions', {
        kind: 'graph',
        graph: 'm',
        status: 'succeeded',
      }),
    ).toBe(2);
    expect(
      await otel.sum('beluga.orchestration.executions', { graph: 'f', status: 'failed' }),
    ).toBe(1);
    expect(
      await otel.sum('beluga.orchestration.errors', { graph: 'f', code: 'EXECUTION_FAILED' }),
    ).toBe(1);
    expect(await otel.sum('beluga.orchestration.nodes', { graph: 'm', status: 'succeeded' })).toBe(
      3,
    );
    expect(await otel.sum('beluga.orchestration.nodes', { graph: 'm', status: 'skipped' })).toBe(1);
    expect(await otel.sum('beluga.orchestration.nodes', { graph: 'f', status: 'failed' })).toBe(1);
    expect(await otel.sum('beluga.orchestration.duration', { graph: 'm' })).toBe(2);
    expect(await otel.sum('beluga.orchestration.node.duration', { graph: 'm' })).toBe(3);
    expect(await otel.sum('beluga.orchestration.node.duration', { graph: 'f' })).toBe(0);
    expect(await otel.sum('beluga.orchestration.active', { kind: 'graph' })).toBe(0);
  });

  it('shows a run as active while it runs', async () => {
    const otel = createTestTelemetry();
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const isStarted = new Promise<void>((resolve) => (started = resolve));
    const graph = createGraph({ telemetry: otel.telemetry }).addNode('wait', () => {
      started();
      return new Promise<void>((resolve) => (release = resolve));
    });
    const run = graph.invoke(null);
    await isStarted;
    expect(await otel.sum('beluga.orchestration.active', { kind: 'graph' })).toBe(1);
    release();
    await run;
    expect(await otel.sum('beluga.orchestration.active', { kind: 'graph' })).toBe(0);
  });
});

describe('graph context for nodes and logs', () => {
  it('hands each node the context of its own span, and logs runs with their trace ids', async () => {
    const otel = createTestTelemetry();
    const lines: { message: string; fields?: Record<string, unknown> }[] = [];
    const log = (message: string, fields?: Record<string, unknown>) =>
      lines.push({ message, fields });
    const logger = { debug: log, info: log, warn: log, error: log };
    let nodeSpanId: string | undefined;
    const graph = createGraph({ telemetry: otel.telemetry, logger }).addNode('n', (_x, ctx) => {
      nodeSpanId = trace.getSpanContext(ctx.traceContext)?.spanId;
    });
    await graph.invoke(null);
    expect(nodeSpanId).toBe(
      otel
        .spans()
        .find((s) => s.name === 'node n')
        ?.spanContext().spanId,
    );
    const traceId = otel.spans()[0]?.spanContext().traceId;
    expect(lines.map((l) => [l.message, l.fields?.traceId])).toEqual([
      ['graph run started', traceId],
      ['graph run finished', traceId],
    ]);
  });
});

describe('nested runnables', () => {
  it('joins a graph used as a node into the parent trace, under the node span', async () => {
    const otel = createTestTelemetry();
    const inner = createGraph({ name: 'inner', telemetry: otel.telemetry }).addNode(
      'leaf',
      (x) => x,
    );
    const outer = createGraph({ name: 'outer', telemetry: otel.telemetry }).addNode('sub', inner);
    await expect(outer.invoke(5)).resolves.toBe(5);
    const byName = new Map(otel.spans().map((s) => [s.name, s]));
    const sub = byName.get('node sub');
    const innerRoot = byName.get('graph inner');
    expect(innerRoot?.parentSpanContext?.spanId).toBe(sub?.spanContext().spanId);
    expect(byName.get('node leaf')?.spanContext().traceId).toBe(
      byName.get('graph outer')?.spanContext().traceId,
    );
  });
});
