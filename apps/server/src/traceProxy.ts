import express, { type Router } from 'express';

export interface TraceProxyOptions {
  /** The collector's OTLP/HTTP traces URL and headers; absent: browser spans are dropped. */
  traces?: { url: string; headers: Record<string, string> };
  /** The service name browser spans are filed under, whatever the browser said. */
  serviceName?: string;
  /** Largest batch accepted from a browser, in bytes. Default 1 MiB. */
  maxBytes?: number;
}

interface OtlpAttribute {
  key: string;
  value: unknown;
}
interface OtlpTraces {
  resourceSpans: { resource?: { attributes?: OtlpAttribute[] } }[];
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
  const { traces } = options;
  router.get('/v1/traces', (_req, res) => {
    res.json({ exporting: traces !== undefined });
  });
  router.post(
    '/v1/traces',
    express.json({ limit: options.maxBytes ?? 1024 * 1024, type: 'application/json' }),
    (req, res) => {
      if (!traces) {
        res.status(204).end();
        return;
      }
      const body: unknown = req.body;
      if (!isTraces(body)) {
        res.status(400).json({ error: 'expected an OTLP/JSON ExportTraceServiceRequest' });
        return;
      }
      void fetch(traces.url, {
        method: 'POST',
        headers: { ...traces.headers, 'content-type': 'application/json' },
        body: JSON.stringify(asService(body, options.serviceName ?? 'beluga-web')),
      }).then(
        (upstream) => res.status(upstream.ok ? 200 : 502).json({}),
        () => res.status(502).json({}),
      );
    },
  );
  return router;
}
