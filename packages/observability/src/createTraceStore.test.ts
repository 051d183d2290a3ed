import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { describe, expect, it } from 'vitest';
import { createTraceStore, type StoredSpan } from './createTraceStore.js';

function tracerFor(store: ReturnType<typeof createTraceStore>) {
  return new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'svc' }),
    spanProcessors: [store.processor],
  }).getTracer('t');
}

const span = (traceId: string, spanId: string): StoredSpan => ({
  traceId,
  spanId,
  parentSpanId: '',
  name: spanId,
  service: 'web',
  startMs: Number.parseInt(spanId, 16),
  durationMs: 1,
  error: false,
  attributes: {},
});

describe('createTraceStore', () => {
  it('keeps the spans of a trace with their parents, service, timing, status and shown attributes', () => {
    const store = createTraceStore();
    const tracer = tracerFor(store);
    const root = tracer.startSpan('root', { attributes: { 'beluga.run.id': 'r1', secret: 'x' } });
    const child = tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, root));
    child.setStatus({ code: 2 });
    child.end();
    root.end();
    const { traceId, spanId } = root.spanContext();
    const { spans, dropped } = store.trace(traceId);
    expect(dropped).toBe(0);
    expect(spans.map((s) => [s.name, s.parentSpanId])).toEqual([
      ['root', ''],
      ['child', spanId],
    ]);
    expect(spans[0]).toMatchObject({
      service: 'svc',
      error: false,
      attributes: { 'beluga.run.id': 'r1' },
    });
    expect(spans[0]?.attributes).not.toHaveProperty('secret');
    expect(spans[1]?.error).toBe(true);
    expect(spans[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(store.traceIdOf('r1')).toBe(traceId);
    expect(store.traceIdOf('r2')).toBeUndefined();
  });

  it('drops the least recently touched trace past its bound, and counts spans past the per-trace bound', () => {
    const store = createTraceStore({ maxOtherTraces: 2, maxSpansPerTrace: 2 });
    store.add([span('a', '01'), span('b', '02')]);
    store.add([span('a', '03')]); // a is now the most recent
    store.add([span('c', '04')]);
    expect(store.trace('b').spans).toEqual([]);
    expect(store.trace('a').spans.map((s) => s.spanId)).toEqual(['01', '03']);
    store.add([span('a', '05')]);
    expect(store.trace('a')).toMatchObject({ dropped: 1 });
  });

  it('keeps the traces of runs apart: a flood of other calls does not push a run’s trace out', () => {
    const store = createTraceStore({ maxTraces: 2, maxOtherTraces: 2 });
    store.add([span('other', '01')]);
    // A run's node span promotes its trace, with what it already had.
    store.add([span('run', '02'), { ...span('run', '03'), attributes: { 'beluga.run.id': 'r1' } }]);
    store.add([span('run', '04')]); // the browser's click, later
    for (let i = 0; i < 10; i++) store.add([span(`call${i}`, '05')]);
    expect(store.traceIdOf('r1')).toBe('run');
    expect(store.trace('run').spans.map((s) => s.spanId)).toEqual(['02', '03', '04']);
    expect(store.trace('call9').spans).toHaveLength(1);
    expect(store.trace('call0').spans).toEqual([]);
  });
});
