import type { TraceSpan } from '@beluga/api';
import express, { type Request, type Router } from 'express';

export interface TraceProxyOptions {
  /** Who may post spans (a signed-in user); anyone when absent. */
  authorize?: (request: Request) => Promise<boolean>;
  /** The collector's OTLP/HTTP traces URL and headers; absent: browser spans are dropped. */
  traces?: { url: string; headers: Record<string, string> };
  /** Keeps the browser's spans too (the server's trace store, for the run panel's waterfall). */
  record?: (spans: TraceSpan[]) => void;
  /** The service name browser spans are filed under, whatever the browser said. */
  serviceName?: string;
  /** Largest batch accepted from a browser, in bytes. Default 1 MiB. */
  maxBytes?: number;
}

interface OtlpAttribute {
  key: string;
  value: unknown;
}
interface OtlpSpan {
  traceId?: unknown;
  spanId?: unknown;
  parentSpanId?: unknown;
  name?: unknown;
  startTimeUnixNano?: unknown;
  endTimeUnixNano?: unknown;
  status?: { code?: unknown };
  attributes?: OtlpAttribute[];
}
interface OtlpTraces {
  resourceSpans: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
  }[];
}

const HEX = /^[0-9a-f]+$/;
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const millis = (nanos: unknown) =>
  Number(BigInt(/^\d+$/.test(text(nanos)) ? text(nanos) : '0') / 1000n) / 1000;

/** The first value of an OTLP attribute that is a scalar. */
function scalarOf(value: unknown): string | number | boolean | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found = Object.values(value as Record<string, unknown>)[0];
  return ['string', 'number', 'boolean'].includes(typeof found)
    ? (found as string | number | boolean)
    : undefined;
}

/** The browser's spans in the shape the trace store keeps (malformed ones left out). */
function traceSpansOf(body: OtlpTraces, service: string): TraceSpan[] {
  const spans = body.resourceSpans.flatMap((r) =>
    (r.scopeSpans ?? []).flatMap((s) => s.spans ?? []),
  );
  return spans
    .filter((span) => HEX.test(text(span.traceId)) && HEX.test(text(span.spanId)))
    .map((span) => {
      const startMs = millis(span.startTimeUnixNano);
      const attributes: TraceSpan['attributes'] = {};
      for (const attribute of span.attributes ?? []) {
        const value = scalarOf(attribute.value);
        if (value !== undefined) attributes[String(attribute.key)] = value;
      }
      return {
        traceId: text(span.traceId),
        spanId: text(span.spanId),
        parentSpanId: text(span.parentSpanId),
        name: text(span.name).slice(0, 200),
        service,
        startMs,
        durationMs: Math.max(0, millis(span.endTimeUnixNano) - startMs),
        error: span.status?.code === 2,
        attributes,
      };
    });
}

const isTraces = (body: unknown): body is OtlpTraces =>
  typeof body === 'object' &&
  body !== null &&
  Array.isArray((body as { resourceSpans?: unknown }).resourceSpans);

/** Files every resource under `serviceName`: a browser cannot pass for the server. */
function asService(body: OtlpTraces, serviceName: string): OtlpTraces {
  for (const resourceSpans of body.resourceSpans) {
    const attributes = (resourceSpans.resource?.attributes ?? []).filter(
      (attribute) => attribute.key !== 'service.name',
    );
    attributes.push({ key: 'service.name', value: { stringValue: serviceName } });
    resourceSpans.resource = { ...resourceSpans.resource, attributes };
  }
  return body;
}

/**
 * `/v1/traces` for the web app: browsers export their spans (OTLP/JSON) to the server, which
 * forwards them to the configured collector with the collector's credentials — which so never
 * reach the browser — and without CORS set-up on the collector. `GET` tells the web app
 * whether to export at all.
 */
export function traceProxy(options: TraceProxyOptions): Router {
  const router = express.Router();
  const { traces, record } = options;
  const service = options.serviceName ?? 'beluga-web';
  router.get('/v1/traces', (_req, res) => {
    res.json({ exporting: traces !== undefined || record !== undefined });
  });
  router.post(
    '/v1/traces',
    (req, res, next) => {
      if (!options.authorize) {
        next();
        return;
      }
      options
        .authorize(req)
        .then(
          (allowed) => (allowed ? next() : res.status(401).json({ error: 'sign in first' })),
          next,
        );
    },
    express.json({ limit: options.maxBytes ?? 1024 * 1024, type: 'application/json' }),
    (req, res) => {
      const body: unknown = req.body;
      if (!traces && !record) {
        res.status(204).end();
        return;
      }
      if (!isTraces(body)) {
        res.status(400).json({ error: 'expected an OTLP/JSON ExportTraceServiceRequest' });
        return;
      }
      record?.(traceSpansOf(body, service));
      if (!traces) {
        res.status(200).json({});
        return;
      }
      void fetch(traces.url, {
        method: 'POST',
        headers: { ...traces.headers, 'content-type': 'application/json' },
        body: JSON.stringify(asService(body, service)),
      }).then(
        (upstream) => res.status(upstream.ok ? 200 : 502).json({}),
        () => res.status(502).json({}),
      );
    },
  );
  return router;
}
