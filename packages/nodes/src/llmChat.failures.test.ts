import type { NodeContext } from '@beluga/orchestration';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startOpenAiCompatibleServer,
  type OpenAiServer,
  type OpenAiServerOptions,
} from '@beluga/testkit';
import { createLlmChatNode, LlmChatConfigSchema, type LlmChatConfigInput } from './llmChat.js';

let server: OpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: OpenAiServerOptions = {}): Promise<OpenAiServer> {
  server = await startOpenAiCompatibleServer(options);
  return server;
}

/** Runs one call; the promise settles with the error (or output) so tests can inspect it. */
function call(
  url: string,
  config: Partial<LlmChatConfigInput> = {},
  options: { signal?: AbortSignal; progress?: (data: unknown) => void } = {},
): Promise<unknown> {
  const context: NodeContext = {
    signal: options.signal ?? new AbortController().signal,
    runId: 'run-1',
    nodeId: 'chat',
    attempt: 1,
    progress: options.progress ?? (() => undefined),
    waiting: () => undefined,
    traceContext: undefined as unknown as NodeContext['traceContext'],
  };
  const parsed = LlmChatConfigSchema.parse({ baseUrl: url, model: 'm', ...config });
  return Promise.resolve(createLlmChatNode().run({ input: 'hi', config: parsed, context }));
}

const settle = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );

describe('llm.chat transient failures', () => {
  it.each([429, 500, 503])(
    'makes HTTP %i a retryable EXECUTION_FAILED with the status',
    async (status) => {
      const { url } = await start({ failures: { status, count: 1 } });
      await expect(call(url)).rejects.toMatchObject({
        code: 'EXECUTION_FAILED',
        retryable: true,
        details: { status },
        message: expect.stringContaining(`HTTP ${status}: Simulated HTTP ${status}`) as unknown,
      });
    },
  );

  it('makes a refused connection a retryable EXECUTION_FAILED', async () => {
    const { url } = await start();
    await server?.close();
    server = undefined;
    await expect(call(url)).rejects.toMatchObject({
      code: 'EXECUTION_FAILED',
      retryable: true,
      message: expect.stringMatching(
        /^Could not reach 127\.0\.0\.1:\d+: .*ECONNREFUSED/,
      ) as unknown,
    });
  });

  it('makes a stream that ends before the finish reason a retryable failure', async () => {
    const { url } = await start({ malformed: 'truncated' });
    await expect(call(url)).rejects.toMatchObject({
      code: 'EXECUTION_FAILED',
      retryable: true,
      message: expect.stringContaining('ended the stream before the reply was complete') as unknown,
    });
  });
});

describe('llm.chat malformed replies', () => {
  it.each([true, false])(
    'refuses broken JSON clearly, without retry (stream: %s)',
    async (stream) => {
      const { url } = await start({ malformed: 'json' });
      await expect(call(url, { stream })).rejects.toMatchObject({
        code: 'EXECUTION_FAILED',
        retryable: false,
        message: expect.stringMatching(
          /^127\.0\.0\.1:\d+ sent a malformed reply: it is not valid JSON$/,
        ) as unknown,
      });
    },
  );

  it.each([true, false])(
    'refuses a reply of the wrong shape, saying where (stream: %s)',
    async (stream) => {
      const { url } = await start({ malformed: 'shape' });
      await expect(call(url, { stream })).rejects.toMatchObject({
        code: 'EXECUTION_FAILED',
        retryable: false,
        message: expect.stringMatching(
          /sent a malformed reply: unexpected shape at choices: /,
        ) as unknown,
      });
    },
  );

  it('makes another HTTP error final, quoting the server', async () => {
    const { url } = await start();
    await expect(call(url.replace(/\/v1$/, '/v2'))).rejects.toMatchObject({
      code: 'EXECUTION_FAILED',
      retryable: false,
      details: { status: 404 },
      message: expect.stringContaining(
        'HTTP 404: Invalid URL (POST /v2/chat/completions)',
      ) as unknown,
    });
  });
});

describe('llm.chat deadlines and cancellation', () => {
  it('stops a call stalled before the headers when the signal aborts, closing the connection', async () => {
    const s = await start({ stall: 'before-headers' });
    const controller = new AbortController();
    const failure = settle(call(s.url, {}, { signal: controller.signal }));
    await s.waitForRequests(1);
    controller.abort(new Error('run cancelled'));
    await expect(failure).resolves.toMatchObject({ code: 'CANCELLED', retryable: false });
    await s.waitForClientClose(s.requests[0]!);
  });

  it('stops a stream stalled after its first token when the signal aborts', async () => {
    const s = await start({ stall: 'mid-stream' });
    const controller = new AbortController();
    const tokens: unknown[] = [];
    const failure = settle(
      call(
        s.url,
        {},
        {
          signal: controller.signal,
          progress: (data) => {
            tokens.push(data);
            controller.abort(new Error('run cancelled'));
          },
        },
      ),
    );
    const started = performance.now();
    await expect(failure).resolves.toMatchObject({ code: 'CANCELLED' });
    // Generous: proves the call stopped instead of waiting for its 60 s timeout.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(tokens).toEqual([{ token: 'You ' }]);
    await s.waitForClientClose(s.requests[0]!);
  });

  it('times out a stalled stream with TIMEOUT after timeoutMs', async () => {
    const s = await start({ stall: 'mid-stream' });
    await expect(call(s.url, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'TIMEOUT',
      retryable: true,
      message: expect.stringMatching(/did not complete the reply within 200 ms$/) as unknown,
    });
    await s.waitForClientClose(s.requests[0]!);
  });

  it('does not call at all when the signal is already aborted', async () => {
    const s = await start();
    await expect(call(s.url, {}, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(s.requests).toHaveLength(0);
  });
});
