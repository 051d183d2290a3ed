import type { NodeContext } from '@beluga/orchestration';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  startOpenAiCompatibleServer,
  type OpenAiServer,
  type OpenAiServerOptions,
} from '@beluga/testkit';
import {
  createLlmChatNode,
  LlmChatConfigSchema,
  type LlmChatConfigInput,
  type LlmChatNodeOptions,
  type LlmChatOutput,
} from './llmChat.js';
import { createGuardedFetch } from './network/guardedFetch.js';

const KEY = 'sk-test-0123456789-secret';
let server: OpenAiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: OpenAiServerOptions = {}): Promise<OpenAiServer> {
  server = await startOpenAiCompatibleServer({ apiKey: KEY, ...options });
  return server;
}

interface Call {
  input: unknown;
  config?: Partial<LlmChatConfigInput>;
  signal?: AbortSignal;
}

/** One node and the progress it reported; `chat()` runs it like the engine would. */
function setup(url: string, options: LlmChatNodeOptions = {}) {
  const node = createLlmChatNode({
    resolveCredential: (name) => (name === 'openai' ? KEY : undefined),
    ...options,
  });
  const progress: unknown[] = [];
  const chat = async ({ input, config = {}, signal }: Call) => {
    const parsed = LlmChatConfigSchema.parse({
      baseUrl: url,
      model: 'beluga-test-model',
      credential: 'openai',
      ...config,
    });
    const context: NodeContext = {
      signal: signal ?? new AbortController().signal,
      runId: 'run-1',
      nodeId: 'chat',
      attempt: 1,
      progress: (data) => progress.push(data),
      waiting: () => undefined,
      traceContext: undefined as unknown as NodeContext['traceContext'],
    };
    return (await node.run({ input, config: parsed, context })) as LlmChatOutput;
  };
  return { node, chat, progress };
}

const sentMessages = (s: OpenAiServer, index: number) =>
  (s.requests[index]?.body as { messages: unknown[] }).messages;

describe('llm.chat replies', () => {
  it('returns a non-streamed reply with model, finish reason and usage', async () => {
    const { url, requests } = await start();
    const { chat, progress } = setup(url);
    const config = { stream: false, system: 'Be brief.', temperature: 0.2, maxTokens: 50 };
    await expect(chat({ input: 'hello', config })).resolves.toEqual({
      text: 'You said: hello; I remember 0 earlier messages',
      model: 'beluga-test-model',
      finishReason: 'stop',
      usage: { promptTokens: 3, completionTokens: 8, totalTokens: 11 },
    });
    expect(requests[0]?.body).toEqual({
      model: 'beluga-test-model',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hello' },
      ],
      stream: false,
      temperature: 0.2,
      max_tokens: 50,
    });
    expect(progress).toEqual([]);
  });

  it('streams: progress tokens arrive in order and make up the final text', async () => {
    const { url, requests } = await start();
    const { chat, progress } = setup(url);
    const output = await chat({ input: { message: 'stream please' } });
    expect(output).toMatchObject({
      text: 'You said: stream please; I remember 0 earlier messages',
      finishReason: 'stop',
      usage: { completionTokens: 9 },
    });
    expect(progress.length).toBe(9);
    expect(progress.every((p) => typeof (p as { token: unknown }).token === 'string')).toBe(true);
    expect(progress.map((p) => (p as { token: string }).token).join('')).toBe(output.text);
    expect(requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('reports a reply cut by maxTokens with finish reason "length"', async () => {
    const { url } = await start();
    const { chat } = setup(url);
    const output = await chat({ input: 'a long question', config: { maxTokens: 3 } });
    expect(output).toMatchObject({ text: 'You said: a ', finishReason: 'length' });
  });

  it('fills the prompt template from the input', async () => {
    const { url } = await start();
    const { chat } = setup(url);
    const config = { stream: false, prompt: 'Translate {{text}} to {{lang}}' };
    const output = await chat({ input: { text: 'bonjour', lang: 'English' }, config });
    expect(output.text).toBe(
      'You said: Translate bonjour to English; I remember 0 earlier messages',
    );
  });
});

describe('llm.chat type', () => {
  it('starts from a default config its schema accepts, and publishes the schema as JSON Schema', () => {
    const { node } = setup('http://127.0.0.1:1/v1');
    expect(node).toMatchObject({
      type: 'llm.chat',
      ui: { title: 'LLM chat', category: 'AI', icon: 'bot' },
    });
    expect(LlmChatConfigSchema.safeParse(node.ui.defaultConfig).success).toBe(true);
    const json = z.toJSONSchema(LlmChatConfigSchema, { io: 'input' });
    expect(json).toMatchObject({ required: ['baseUrl', 'model'] });
  });
});

describe('llm.chat credentials', () => {
  it('sends the resolved key as a bearer token, and no Authorization without a credential', async () => {
    const s = await startOpenAiCompatibleServer();
    server = s;
    const { chat } = setup(s.url);
    await chat({ input: 'hi' });
    await chat({ input: 'hi', config: { credential: undefined } });
    expect(s.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(s.requests[1]?.headers.authorization).toBeUndefined();
  });

  it('says a refused key is refused, naming the credential and never quoting the key', async () => {
    const { url } = await start({ apiKey: 'sk-the-right-one' });
    const { chat, progress } = setup(url);
    const error = await chat({ input: 'hi' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'OrchestratorError',
      code: 'INVALID_CONFIG',
      retryable: false,
      field: 'credential',
      details: { status: 401 },
    });
    expect((error as Error).message).toMatch(/refused the API key of credential "openai"/);
    // The server's body quotes the key it got; none of it may come through.
    expect(JSON.stringify(error)).not.toContain(KEY);
    expect(String((error as Error).stack)).not.toContain(KEY);
    expect(JSON.stringify(progress)).not.toContain(KEY);
  });

  it('says when the server wants a key and the config names no credential', async () => {
    const { url } = await start();
    const { chat } = setup(url);
    await expect(chat({ input: 'hi', config: { credential: undefined } })).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      message: expect.stringContaining(
        'without an API key (HTTP 401); name a credential',
      ) as unknown,
    });
  });

  it('fails before calling when the credential named in the config is not defined', async () => {
    const { url, requests } = await start();
    const { chat } = setup(url);
    await expect(chat({ input: 'hi', config: { credential: 'missing' } })).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      field: 'credential',
      message: 'The credential "missing" is not defined',
    });
    expect(requests).toHaveLength(0);
  });

  it('keeps the key out of the document: a URL with user info is refused by the schema', () => {
    const parsed = LlmChatConfigSchema.safeParse({
      baseUrl: 'https://user:sk-secret@api.openai.com/v1',
      model: 'gpt-4o-mini',
    });
    expect(parsed.success).toBe(false);
  });
});

describe('llm.chat memory', () => {
  const memory = { enabled: true };

  it('sends the earlier turns of the same session, and not those of another', async () => {
    const s = await start();
    const { chat } = setup(s.url);
    await chat({ input: { sessionId: 'a', message: 'I am Ada' }, config: { memory } });
    const second = await chat({
      input: { sessionId: 'a', message: 'Who am I?' },
      config: { memory },
    });
    await chat({ input: { sessionId: 'b', message: 'Who am I?' }, config: { memory } });
    expect(sentMessages(s, 1)).toEqual([
      { role: 'user', content: 'I am Ada' },
      { role: 'assistant', content: 'You said: I am Ada; I remember 0 earlier messages' },
      { role: 'user', content: 'Who am I?' },
    ]);
    expect(second.text).toBe('You said: Who am I?; I remember 2 earlier messages');
    expect(sentMessages(s, 2)).toEqual([{ role: 'user', content: 'Who am I?' }]);
  });

  it('saves nothing when the call fails', async () => {
    const s = await start({ failures: { status: 500, count: 1 } });
    const { chat } = setup(s.url);
    const input = { sessionId: 'a', message: 'first' };
    await expect(chat({ input, config: { memory } })).rejects.toMatchObject({
      code: 'EXECUTION_FAILED',
      retryable: true,
      details: { status: 500 },
    });
    await chat({ input: { sessionId: 'a', message: 'second' }, config: { memory } });
    expect(sentMessages(s, 1)).toEqual([{ role: 'user', content: 'second' }]);
  });

  it('sends at most maxMessages earlier messages, starting with a user turn', async () => {
    const s = await start();
    const { chat } = setup(s.url);
    const config = { memory: { enabled: true, sessionKey: 'chat.id', maxMessages: 3 } };
    for (const message of ['one', 'two', 'three']) {
      await chat({ input: { chat: { id: 42 }, message }, config });
    }
    // Four stored messages; the latest three begin with an answer, which is dropped.
    expect(sentMessages(s, 2)).toEqual([
      { role: 'user', content: 'two' },
      { role: 'assistant', content: 'You said: two; I remember 2 earlier messages' },
      { role: 'user', content: 'three' },
    ]);
  });

  it('refuses an input without a session id when memory is on', async () => {
    const { url, requests } = await start();
    const { chat } = setup(url);
    await expect(chat({ input: 'hi', config: { memory } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'sessionId',
    });
    expect(requests).toHaveLength(0);
  });
});

describe('llm.chat through the guarded fetch', () => {
  it('streams through it when private networks are allowed', async () => {
    const { url } = await start();
    const fetch = createGuardedFetch({ allowPrivateNetworks: true }, { op: 'node:llm.chat' });
    const { chat, progress } = setup(url, { fetch });
    const output = await chat({ input: 'guarded' });
    expect(output.text).toBe('You said: guarded; I remember 0 earlier messages');
    expect(progress.length).toBeGreaterThan(1);
  });

  it('passes its refusal of a private address through, and the server sees nothing', async () => {
    const { url, requests } = await start();
    const fetch = createGuardedFetch({ allowPrivateNetworks: false }, { op: 'node:llm.chat' });
    const { chat } = setup(url, { fetch });
    const error = await chat({ input: 'hi' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'OrchestratorError', op: 'node:llm.chat' });
    expect(requests).toHaveLength(0);
  });
});
