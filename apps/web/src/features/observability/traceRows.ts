import type { RouterOutputs } from '@beluga/api';

export type TraceSpan = RouterOutputs['runs']['trace']['spans'][number];

/** One waterfall row: a span, its depth in the tree, and its bar as fractions of the trace. */
export interface TraceRow {
  span: TraceSpan;
  depth: number;
  /** Where the bar starts and how wide it is, 0..1 of the trace's extent. */
  offset: number;
  width: number;
}

/**
 * The spans of one trace as waterfall rows: depth-first from each root (a span whose parent is
 * not in the trace — the browser's click, or the server's request when the browser's spans are
 * missing), children by start time, bars relative to the whole trace.
 */
export function traceRows(spans: readonly TraceSpan[], limit = 500): TraceRow[] {
  if (spans.length === 0) return [];
  const ids = new Set(spans.map((span) => span.spanId));
  const children = new Map<string, TraceSpan[]>();
  const roots: TraceSpan[] = [];
  for (const span of spans) {
    if (!span.parentSpanId || !ids.has(span.parentSpanId)) roots.push(span);
    else children.set(span.parentSpanId, [...(children.get(span.parentSpanId) ?? []), span]);
  }
  const start = Math.min(...spans.map((span) => span.startMs));
  const end = Math.max(...spans.map((span) => span.startMs + span.durationMs));
  const extent = Math.max(end - start, 1e-3);
  const rows: TraceRow[] = [];
  const byStart = (a: TraceSpan, b: TraceSpan) => a.startMs - b.startMs;
  const visit = (span: TraceSpan, depth: number) => {
    if (rows.length >= limit) return;
    rows.push({
      span,
      depth,
      offset: (span.startMs - start) / extent,
      width: Math.max(span.durationMs / extent, 0.002),
    });
    for (const child of (children.get(span.spanId) ?? []).sort(byStart)) visit(child, depth + 1);
  };
  for (const root of roots.sort(byStart)) visit(root, 0);
  return rows;
}
