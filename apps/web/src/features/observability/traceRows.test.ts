import { describe, expect, it } from 'vitest';
import { traceRows, type TraceSpan } from './traceRows';

const span = (spanId: string, parentSpanId: string, startMs: number, durationMs: number) =>
  ({
    traceId: 't',
    spanId,
    parentSpanId,
    name: spanId,
    service: 's',
    startMs,
    durationMs,
    error: false,
    attributes: {},
  }) satisfies TraceSpan;

describe('traceRows', () => {
  it('orders a trace depth-first from its root, children by start, with bars relative to the trace', () => {
    const rows = traceRows([
      span('node b', 'graph', 150, 50),
      span('graph', 'trpc', 100, 100),
      span('click', '', 0, 200),
      span('node a', 'graph', 110, 20),
      span('trpc', 'click', 50, 20),
    ]);
    expect(rows.map((row) => [row.span.name, row.depth])).toEqual([
      ['click', 0],
      ['trpc', 1],
      ['graph', 2],
      ['node a', 3],
      ['node b', 3],
    ]);
    expect(rows[2]).toMatchObject({ offset: 0.5, width: 0.5 });
  });

  it('makes a root of a span whose parent is missing (the browser’s spans not kept)', () => {
    const rows = traceRows([span('POST /trpc', 'gone', 10, 5), span('trpc', 'POST /trpc', 11, 2)]);
    expect(rows.map((row) => [row.span.name, row.depth])).toEqual([
      ['POST /trpc', 0],
      ['trpc', 1],
    ]);
  });

  it('stops at the row limit', () => {
    const many = Array.from({ length: 20 }, (_, i) => span(`n${i}`, 'root', i, 1));
    expect(traceRows([span('root', '', 0, 30), ...many], 5)).toHaveLength(5);
  });
});
