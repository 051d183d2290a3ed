import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './createLogger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'test', destination }) };
}

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(new BasicTracerProvider());
});
afterAll(() => {
  trace.disable();
  context.disable();
});

describe('createLogger', () => {
  it('writes JSON lines with the level name, the service and no trace ids outside a span', () => {
    const { lines, logger } = capture();
    logger.info({ runId: 'r1' }, 'run started');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', service: 'test', runId: 'r1', msg: 'run started' }),
    ]);
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(typeof lines[0]?.time).toBe('string');
  });

  it('puts the active span’s trace and span ids on lines written inside it, after awaits too', async () => {
    const { lines, logger } = capture();
    const ids = await trace.getTracer('test').startActiveSpan('work', async (span) => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.info('inside');
      span.end();
      return span.spanContext();
    });
    expect(lines[0]).toMatchObject({ trace_id: ids.traceId, span_id: ids.spanId });
  });

  it('redacts credential-like keys, passwords in URLs and bearer tokens', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        headers: { authorization: 'Bearer abc.def', cookie: 'session=s3cret', accept: '*/*' },
        req: { headers: { 'set-cookie': 'a=b', 'x-api-key': 'k-123' } },
        password: 'hunter2',
        config: { apiKey: 'sk-live-1', name: 'kept' },
        error: 'connect to postgres://beluga:topsecret@db:5432/beluga failed',
        note: 'sent Bearer eyJhbGciOi.payload.sig upstream',
      },
      'request',
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of [
      'abc.def',
      's3cret',
      'k-123',
      'hunter2',
      'sk-live-1',
      'topsecret',
      'eyJhbGciOi',
    ])
      expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      headers: { authorization: '[redacted]', cookie: '[redacted]', accept: '*/*' },
      req: { headers: { 'set-cookie': '[redacted]', 'x-api-key': '[redacted]' } },
      config: { apiKey: '[redacted]', name: 'kept' },
      error: 'connect to postgres://beluga:[redacted]@db:5432/beluga failed',
    });
  });
});
