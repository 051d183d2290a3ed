import { SpanStatusCode } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** One finished span as the product shows it (a waterfall row). */
export interface StoredSpan {
  traceId: string;
  spanId: string;
  /** Empty for the trace's root. */
  parentSpanId: string;
  name: string;
  service: string;
  /** Epoch milliseconds. */
  startMs: number;
  durationMs: number;
  /** Failed (status ERROR). */
  error: boolean;
  attributes: Record<string, string | number | boolean>;
}

export interface TraceStoreOptions {
  /** Traces kept, the least recently touched dropped first. Default 200. */
  maxTraces?: number;
  /** Spans kept per trace; more are counted, not kept. Default 5,000. */
  maxSpansPerTrace?: number;
}

/** The recent traces of this process, for the product's own trace view. */
export interface TraceStore {
  /** A span processor recording every span that ends in this process. */
  processor: SpanProcessor;
  /** Adds spans from elsewhere (the browser's, through the server's /v1/traces). */
  add(spans: readonly StoredSpan[]): void;
  /** The trace a run's spans belong to (a span with `beluga.run.id`), while it is kept. */
  traceIdOf(runId: string): string | undefined;
  /** The spans of a trace kept so far, by start time, and how many were dropped. */
  trace(traceId: string): { spans: StoredSpan[]; dropped: number };
}

const SHOWN_ATTRIBUTES = /^(beluga\.|rpc\.|http\.|url\.path$|temporal)/;

function serviceOf(span: ReadableSpan): string {
  const name = span.resource.attributes['service.name'];
  return typeof name === 'string' ? name : '';
}

function toStored(span: ReadableSpan): StoredSpan {
  const context = span.spanContext();
  const attributes: StoredSpan['attributes'] = {};
  for (const [key, value] of Object.entries(span.attributes))
    if (SHOWN_ATTRIBUTES.test(key) && typeof value !== 'object' && value !== undefined)
      attributes[key] = value as string | number | boolean;
  return {
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? '',
    name: span.name,
    service: serviceOf(span),
    startMs: hrTimeToMilliseconds(span.startTime),
    durationMs: hrTimeToMilliseconds(span.duration),
    // Compared as numbers: the SDK's status enum may come from another copy of the API.
    error: Number(span.status.code) === Number(SpanStatusCode.ERROR),
    attributes,
  };
}

/** By start time; a parent before its child when they started in the same instant. */
const byStart = (a: StoredSpan, b: StoredSpan): number =>
  a.startMs - b.startMs || (b.parentSpanId === a.spanId ? -1 : a.parentSpanId === b.spanId ? 1 : 0);

/**
 * A bounded in-memory store of the process's recent traces, fed by a span processor: the run
 * panel's waterfall reads a run's trace from it, with or without an external collector.
 */
export function createTraceStore(options: TraceStoreOptions = {}): TraceStore {
  const maxTraces = options.maxTraces ?? 200;
  const maxSpans = options.maxSpansPerTrace ?? 5_000;
  const traces = new Map<string, { spans: StoredSpan[]; dropped: number }>();
  const runs = new Map<string, string>();
  const add = (spans: readonly StoredSpan[]) => {
    for (const span of spans) {
      const runId = span.attributes['beluga.run.id'];
      if (typeof runId === 'string' && !runs.has(runId)) {
        runs.set(runId, span.traceId);
        if (runs.size > maxTraces * 4) runs.delete(runs.keys().next().value as string);
      }
      let entry = traces.get(span.traceId);
      if (entry) traces.delete(span.traceId);
      else entry = { spans: [], dropped: 0 };
      traces.set(span.traceId, entry);
      if (entry.spans.length < maxSpans) entry.spans.push(span);
      else entry.dropped++;
      if (traces.size > maxTraces) traces.delete(traces.keys().next().value as string);
    }
  };
  return {
    processor: {
      onStart: () => undefined,
      onEnd: (span) => add([toStored(span)]),
      forceFlush: () => Promise.resolve(),
      shutdown: () => Promise.resolve(),
    },
    add,
    traceIdOf: (runId) => {
      const traceId = runs.get(runId);
      return traceId !== undefined && traces.has(traceId) ? traceId : undefined;
    },
    trace: (traceId) => {
      const entry = traces.get(traceId);
      if (!entry) return { spans: [], dropped: 0 };
      return {
        spans: [...entry.spans].sort(byStart),
        dropped: entry.dropped,
      };
    },
  };
}
