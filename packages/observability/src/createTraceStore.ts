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
  /** Traces with a run in them kept, the least recently touched dropped first. Default 200. */
  maxTraces?: number;
  /** Other traces kept (API calls that started no run). Default 100. */
  maxOtherTraces?: number;
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
  const maxSpans = options.maxSpansPerTrace ?? 5_000;
  // Traces with a run in them, and the rest (every API call is a trace of its own): a busy
  // editor's queries must not push the runs' traces out.
  const runTraces = createBoundedTraces(options.maxTraces ?? 200);
  const otherTraces = createBoundedTraces(options.maxOtherTraces ?? 100);
  const runs = new Map<string, string>();
  const remember = (runId: string, traceId: string) => {
    if (runs.has(runId)) return;
    runs.set(runId, traceId);
    if (runs.size > (options.maxTraces ?? 200) * 4) runs.delete(runs.keys().next().value as string);
  };
  const add = (spans: readonly StoredSpan[]) => {
    for (const span of spans) {
      const runId = span.attributes['beluga.run.id'];
      if (typeof runId === 'string') remember(runId, span.traceId);
      const ofRun = typeof runId === 'string' || runTraces.has(span.traceId);
      const entry = ofRun
        ? runTraces.touch(span.traceId, otherTraces.take(span.traceId))
        : otherTraces.touch(span.traceId);
      if (entry.spans.length < maxSpans) entry.spans.push(span);
      else entry.dropped++;
    }
  };
  const find = (traceId: string) => runTraces.get(traceId) ?? otherTraces.get(traceId);
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
      return traceId !== undefined && find(traceId) ? traceId : undefined;
    },
    trace: (traceId) => {
      const entry = find(traceId);
      if (!entry) return { spans: [], dropped: 0 };
      return { spans: [...entry.spans].sort(byStart), dropped: entry.dropped };
    },
  };
}

interface TraceEntry {
  spans: StoredSpan[];
  dropped: number;
}

/** Traces by id, least recently touched first, at most `max`. */
function createBoundedTraces(max: number) {
  const traces = new Map<string, TraceEntry>();
  return {
    has: (traceId: string) => traces.has(traceId),
    get: (traceId: string) => traces.get(traceId),
    /** Removes and returns a trace (to move it to the other map). */
    take(traceId: string): TraceEntry | undefined {
      const entry = traces.get(traceId);
      traces.delete(traceId);
      return entry;
    },
    /** The trace's entry, made the most recent (created, or `moved` in, when absent). */
    touch(traceId: string, moved?: TraceEntry): TraceEntry {
      const entry = traces.get(traceId) ?? moved ?? { spans: [], dropped: 0 };
      traces.delete(traceId);
      traces.set(traceId, entry);
      if (traces.size > max) traces.delete(traces.keys().next().value as string);
      return entry;
    },
  };
}
