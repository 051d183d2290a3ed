import { metrics, propagation, context, trace, ROOT_CONTEXT } from '@opentelemetry/api';
import { startOtlpReceiver, type OtlpReceiver } from '@beluga/testkit';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { telemetryConfigOf } from './otelEnv.js';
import { startTelemetry, type Telemetry } from './startTelemetry.js';

let receiver: OtlpReceiver;
let telemetry: Telemetry | undefined;
beforeEach(async () => {
  receiver = await startOtlpReceiver();
});
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
  await receiver.stop();
});

describe('telemetryConfigOf', () => {
  it('exports nothing unless an OTLP endpoint is set, and never with OTEL_TRACES_EXPORTER=none', () => {
    expect(telemetryConfigOf({ OTEL_SDK_DISABLED: false }, 'svc')).toEqual({
      disabled: false,
      serviceName: 'svc',
      resourceAttributes: {},
    });
    const none = telemetryConfigOf(
      {
        OTEL_SDK_DISABLED: false,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
        OTEL_TRACES_EXPORTER: 'none',
      },
      'svc',
    );
    expect(none.traces).toBeUndefined();
  });

  it('derives the traces URL, merges headers and reads the service name and resource attributes', () => {
    const config = telemetryConfigOf(
      {
        OTEL_SDK_DISABLED: false,
        OTEL_SERVICE_NAME: 'api',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod,team=a%20b',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
        OTEL_EXPORTER_OTLP_HEADERS: 'x-key=1,x-other=2',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-key=3',
      },
      'svc',
    );
    expect(config).toEqual({
      disabled: false,
      serviceName: 'api',
      resourceAttributes: { 'deployment.environment': 'prod', team: 'a b' },
      traces: {
        url: 'http://collector:4318/v1/traces',
        headers: { 'x-key': '3', 'x-other': '2' },
      },
    });
  });
});

describe('startTelemetry', () => {
  it('exports spans over OTLP/HTTP with the service name, with the configured headers', async () => {
    telemetry = startTelemetry(
      telemetryConfigOf(
        {
          OTEL_SDK_DISABLED: false,
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=k1',
        },
        'beluga-test',
      ),
    );
    trace.getTracer('t').startActiveSpan('outer', (outer) => {
      trace.getTracer('t').startSpan('inner').end();
      outer.end();
    });
    await telemetry.flush();
    const spans = receiver.spans();
    const outer = spans.find((span) => span.name === 'outer');
    expect(outer).toMatchObject({ service: 'beluga-test', parentSpanId: '' });
    expect(spans.find((span) => span.name === 'inner')).toMatchObject({
      traceId: outer?.traceId,
      parentSpanId: outer?.spanId,
    });
    expect(receiver.requests()[0]?.headers['x-collector-key']).toBe('k1');
  });

  it('records no spans without an endpoint, yet carries an incoming traceparent on', () => {
    telemetry = startTelemetry(telemetryConfigOf({ OTEL_SDK_DISABLED: false }, 'svc'));
    const incoming = propagation.extract(ROOT_CONTEXT, {
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    const span = trace.getTracer('t').startSpan('s', {}, incoming);
    expect(span.isRecording()).toBe(false);
    expect(span.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    const carrier: Record<string, string> = {};
    context.with(trace.setSpan(incoming, span), () =>
      propagation.inject(context.active(), carrier),
    );
    expect(carrier.traceparent).toContain('0af7651916cd43dd8448eb211c80319c');
  });

  it('serves the metrics in the Prometheus text format', async () => {
    telemetry = startTelemetry(telemetryConfigOf({ OTEL_SDK_DISABLED: false }, 'svc'));
    metrics.getMeter('t').createCounter('beluga.test.things').add(3, { kind: 'a' });
    const server: Server = createServer((request, response) =>
      telemetry?.metricsHandler(request, response),
    ).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toContain('# TYPE beluga_test_things_total counter');
      expect(text).toMatch(/^beluga_test_things_total\{kind="a",otel_scope_name="t"\} 3$/m);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
