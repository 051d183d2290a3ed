import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One span as an OTLP/HTTP receiver got it, flattened with its service's name. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** Empty for a root span. */
  parentSpanId: string;
  name: string;
  kind: number;
  service: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Record<string, string | number | boolean>;
  status: { code?: number; message?: string };
}

export interface OtlpReceiver {
  /** The base URL; spans are posted to `${url}/v1/traces`. */
  url: string;
  /** Every span received so far, in arrival order. */
  spans(): ReceivedSpan[];
  /** Requests received, with their headers (e.g. to check what a proxy passed on). */
  requests(): { path: string; headers: IncomingMessage['headers'] }[];
  /** Resolves once `predicate` holds for the received spans (checked on each new batch). */
  waitFor(predicate: (spans: ReceivedSpan[]) => boolean): Promise<ReceivedSpan[]>;
  stop(): Promise<void>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: OtlpAttribute[];
  status?: { code?: number; message?: string };
}
interface OtlpTraces {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
  }[];
}

const valueOf = (value: OtlpValue): string | number | boolean =>
  value.stringValue ??
  value.boolValue ??
  value.doubleValue ??
  (value.intValue === undefined ? '' : Number(value.intValue));

const attributesOf = (attributes: OtlpAttribute[] = []) =>
  Object.fromEntries(attributes.map((attribute) => [attribute.key, valueOf(attribute.value)]));

/** Flattens an OTLP/JSON `ExportTraceServiceRequest` into spans. */
export function spansOf(body: OtlpTraces): ReceivedSpan[] {
  return (body.resourceSpans ?? []).flatMap((resourceSpans) => {
    const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name'] ?? '');
    return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId ?? '',
        name: span.name,
        kind: span.kind,
        service,
        startTimeUnixNano: span.startTimeUnixNano,
        endTimeUnixNano: span.endTimeUnixNano,
        attributes: attributesOf(span.attributes),
        status: span.status ?? {},
      })),
    );
  });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A real OTLP/HTTP trace receiver on a free local port, as a collector would be: it accepts
 * `POST /v1/traces` in OTLP/JSON (what the OpenTelemetry JS HTTP exporters send) and keeps the
 * spans. Protobuf bodies are refused with 415, so a test notices a wrongly configured exporter.
 * `GET /spans` answers the spans received so far, for a test in another process.
 *
 * @example
 * const receiver = await startOtlpReceiver();
 * // OTEL_EXPORTER_OTLP_ENDPOINT=receiver.url
 * await receiver.waitFor((spans) => spans.some((span) => span.name === 'graph g'));
 */
export async function startOtlpReceiver(options: { port?: number } = {}): Promise<OtlpReceiver> {
  const received: ReceivedSpan[] = [];
  const requests: { path: string; headers: IncomingMessage['headers'] }[] = [];
  let waiters: (() => void)[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      if (request.method === 'GET' && request.url === '/spans') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(received));
        return;
      }
      requests.push({ path: request.url ?? '', headers: request.headers });
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      if (!String(request.headers['content-type']).startsWith('application/json')) {
        response.writeHead(415).end();
        return;
      }
      received.push(...spansOf(JSON.parse(await readBody(request)) as OtlpTraces));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      const woken = waiters;
      waiters = [];
      for (const wake of woken) wake();
    })();
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans: () => [...received],
    requests: () => [...requests],
    waitFor: async (predicate) => {
      while (!predicate(received)) await new Promise<void>((resolve) => waiters.push(resolve));
      return [...received];
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
