import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer, type OpenAiServer } from '../src/openaiServer.js';

let server: OpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Chunk {
  object: string;
  choices: { delta: { content?: string }; finish_reason: string | null }[];
}

const post = (url: string, body: unknown, key = 'sk-fixture') =>
  fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });

describe('the OpenAI-compatible test server', () => {
  it('answers from the messages it was sent, in the chat.completion format', async () => {
    server = await startOpenAiCompatibleServer({ apiKey: 'sk-fixture' });
    const messages = [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'two' },
      { role: 'user', content: 'three' },
    ];
    const response = await post(server.url, { model: 'm', messages });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      object: 'chat.completion',
      model: 'm',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'You said: three; I remember 2 earlier messages' },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 5, completion_tokens: 8, total_tokens: 13 },
    });
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
  });

  it('streams chunks ending in data: [DONE], with a usage chunk when asked', async () => {
    server = await startOpenAiCompatibleServer();
    const messages = [{ role: 'user', content: 'hi' }];
    const body = { model: 'm', messages, stream: true, stream_options: { include_usage: true } };
    const response = await post(server.url, body);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = (await response.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice('data: '.length)) as Chunk);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('You said: hi; I remember 0 earlier messages');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 8 } });
  });

  it('refuses a wrong key with 401 in the OpenAI error format, and lists models', async () => {
    server = await startOpenAiCompatibleServer({ apiKey: 'sk-fixture' });
    const refused = await post(server.url, { model: 'm', messages: [] }, 'sk-wrong');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'invalid_api_key' },
    });
    const models = await fetch(`${server.url}/models`, {
      headers: { authorization: 'Bearer sk-fixture' },
    });
    expect(await models.json()).toMatchObject({ object: 'list', data: [{ object: 'model' }] });
  });

  it('fails the first N chat requests with the configured status', async () => {
    server = await startOpenAiCompatibleServer({ failures: { status: 429, count: 1 } });
    const body = { model: 'm', messages: [{ role: 'user', content: 'x' }] };
    expect((await post(server.url, body)).status).toBe(429);
    expect((await post(server.url, body)).status).toBe(200);
  });

  it('holds a stream at the gate and writes the rest when the test releases it', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const gated: number[] = [];
    server = await startOpenAiCompatibleServer({
      gate: (index) => {
        gated.push(index);
        return index < 2 ? Promise.resolve() : released;
      },
    });
    const body = { model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true };
    const response = await post(server.url, body);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const contentOf = (text: string) =>
      text
        .split('\n\n')
        .filter((e) => e.startsWith('data: {'))
        .map((e) => (JSON.parse(e.slice('data: '.length)) as Chunk).choices[0]?.delta.content)
        .join('');
    let text = '';
    while (!(text.includes('said: ') && text.endsWith('\n\n'))) {
      text += (await reader.read()).value ?? '';
    }
    // The held token waits for release: nothing past the first two words has been written.
    expect(gated).toEqual([0, 1, 2]);
    expect(contentOf(text)).toBe('You said: ');
    release();
    for (let part = await reader.read(); !part.done; part = await reader.read()) text += part.value;
    expect(contentOf(text)).toBe('You said: hi; I remember 0 earlier messages');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });
});
