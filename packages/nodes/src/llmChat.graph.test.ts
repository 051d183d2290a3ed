import { compile, createCatalog, GRAPH_FORMAT, GraphDocumentSchema } from '@beluga/graph';
import type { RetryPolicySchema } from '@beluga/graph';
import type { RunEvent } from '@beluga/orchestration';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  startOpenAiCompatibleServer,
  type OpenAiServer,
  type OpenAiServerOptions,
} from '@beluga/testkit';
import { createLlmChatNode, type LlmChatOutput } from './llmChat.js';
import { defineNodeType } from './types.js';

const KEY = 'sk-graph-test-secret';
const ui = {
  title: 't',
  category: 'Input/Output',
  icon: 'circle',
  description: 'd',
  defaultConfig: {},
} as const;
const input = defineNodeType({
  type: 'test.input',
  role: 'input',
  inputs: [],
  outputs: [{ name: 'out', type: 'any' }],
  config: z.object({}),
  ui,
  run: ({ input }) => input,
});
const output = defineNodeType({
  type: 'test.output',
  role: 'output',
  inputs: [{ name: 'in', type: 'any', required: true }],
  outputs: [],
  config: z.object({}),
  ui,
  run: ({ input }) => input,
});

let server: OpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** input → llm.chat (with `retry`) → output, against a fresh server. */
async function chatGraph(
  serverOptions: OpenAiServerOptions,
  retry: z.input<typeof RetryPolicySchema>,
) {
  server = await startOpenAiCompatibleServer({ apiKey: KEY, ...serverOptions });
  const llmChat = createLlmChatNode({ resolveCredential: () => KEY });
  const at = { x: 0, y: 0 };
  const document = GraphDocumentSchema.parse({
    format: GRAPH_FORMAT,
    id: 'g',
    name: 'chat',
    nodes: [
      { id: 'in', type: 'test.input', position: at },
      {
        id: 'chat',
        type: 'llm.chat',
        position: at,
        config: { baseUrl: server.url, model: 'beluga-test-model', credential: 'openai' },
        retry,
      },
      { id: 'out', type: 'test.output', position: at },
    ],
    edges: [
      { id: 'e1', source: 'in', target: 'chat' },
      { id: 'e2', source: 'chat', target: 'out' },
    ],
  });
  return compile(document, createCatalog([input, llmChat, output]));
}

const ofType = (events: RunEvent[], type: RunEvent['type']) =>
  events.filter((e) => e.type === type);

describe('llm.chat in a compiled graph', () => {
  it('is retried by the engine after HTTP 429, then streams its reply as progress events', async () => {
    const graph = await chatGraph(
      { failures: { status: 429, count: 2 } },
      { maxAttempts: 3, initialDelayMs: 0, jitter: 0 },
    );
    const events: RunEvent[] = [];
    const result = (await graph.invoke('hello', {
      onEvent: (e) => events.push(e),
    })) as LlmChatOutput;
    expect(result.text).toBe('You said: hello; I remember 0 earlier messages');
    expect(ofType(events, 'node.retrying')).toMatchObject([
      { nodeId: 'chat', attempt: 1, error: { code: 'EXECUTION_FAILED', retryable: true } },
      { nodeId: 'chat', attempt: 2, error: { code: 'EXECUTION_FAILED', retryable: true } },
    ]);
    const progress = ofType(events, 'node.progress');
    expect(progress.every((e) => e.nodeId === 'chat' && e.attempt === 3)).toBe(true);
    expect(progress.map((e) => (e.data as { token: string }).token).join('')).toBe(result.text);
    expect(server?.requests).toHaveLength(3);
    expect(JSON.stringify(events)).not.toContain(KEY);
  });

  it('is not retried when the key is refused, and the run fails with INVALID_CONFIG', async () => {
    const graph = await chatGraph(
      { apiKey: 'sk-another-key' },
      { maxAttempts: 3, initialDelayMs: 0 },
    );
    const events: RunEvent[] = [];
    const error: unknown = await graph
      .invoke('hello', { onEvent: (e) => events.push(e) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_CONFIG' });
    expect(ofType(events, 'node.retrying')).toHaveLength(0);
    expect(ofType(events, 'node.failed')).toMatchObject([
      { nodeId: 'chat', attempt: 1, error: { code: 'INVALID_CONFIG', retryable: false } },
    ]);
    expect(server?.requests).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(KEY);
    expect(String((error as Error).message)).not.toContain(KEY);
  });

  it('stops a stalled stream promptly when the run is cancelled', async () => {
    const graph = await chatGraph({ stall: 'mid-stream' }, { maxAttempts: 3, initialDelayMs: 0 });
    const controller = new AbortController();
    const run = graph.invoke('hello', {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'node.progress') controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    await server?.waitForClientClose(server.requests[0]!);
    expect(server?.requests).toHaveLength(1);
  });
});
