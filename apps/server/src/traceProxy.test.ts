import { startOtlpReceiver, type OtlpReceiver } from '@beluga/testkit';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from './app.js';

const browserBatch = (serviceName: string) => ({
  resourceSpans: [
    {
      resource: {
        attributes: [{ key: 'service.name', value: { stringValue: serviceName } }],
      },
      scopeSpans: [
        {
          spans: [
            {
              traceId: '0af7651916cd43dd8448eb211c80319c',
              spanId: 'b7ad6b7169203331',
              name: 'Run',
              kind: 1,
              startTimeUnixNano: '1',
              endTimeUnixNano: '2',
            },
          ],
        },
      ],
    },
  ],
});

let receiver: OtlpReceiver;
let server: Server | undefined;
beforeEach(async () => {
  receiver = await startOtlpReceiver();
});
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await receiver.stop();
});

async function start(options: AppOptions['traceProxy']): Promise<string> {
  server = createApp({ traceProxy: options }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server?.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const post = (base: string, body: unknown) =>
  fetch(`${base}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the /v1/traces proxy for browser spans', () => {
  it('forwards a browser batch to the collector with its credentials, as the web service', async () => {
    const base = await start({
      traces: { url: `${receiver.url}/v1/traces`, headers: { authorization: 'Bearer col-key' } },
    });
    expect(await (await fetch(`${base}/v1/traces`)).json()).toEqual({ exporting: true });
    // A browser claiming to be the server is filed under the web service all the same.
    const response = await post(base, browserBatch('beluga-server'));
    expect(response.status).toBe(200);
    expect(receiver.spans()).toEqual([
      expect.objectContaining({
        name: 'Run',
        service: 'beluga-web',
        traceId: '0af7651916cd43dd8448eb211c80319c',
      }),
    ]);
    expect(receiver.requests()[0]?.headers.authorization).toBe('Bearer col-key');
  });

  it('refuses what is not an OTLP/JSON trace batch, and oversized batches', async () => {
    const base = await start({
      traces: { url: `${receiver.url}/v1/traces`, headers: {} },
      maxBytes: 2048,
    });
    expect((await post(base, { hello: 'world' })).status).toBe(400);
    const big = browserBatch('x');
    (big.resourceSpans[0]?.scopeSpans[0]?.spans[0] as { name: string }).name = 'n'.repeat(4096);
    expect((await post(base, big)).status).toBe(413);
    expect(receiver.requests()).toEqual([]);
  });

  it('drops browser spans when the server exports none, and says so', async () => {
    const base = await start(undefined);
    expect(await (await fetch(`${base}/v1/traces`)).json()).toEqual({ exporting: false });
    expect((await post(base, browserBatch('beluga-web'))).status).toBe(204);
    expect(receiver.requests()).toEqual([]);
  });
});
