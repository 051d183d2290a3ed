import type { ChatMessage, NodeContext } from '@beluga/orchestration';
import { callChatCompletions, type FetchLike } from './llm/client.js';
import type { LlmChatOutput } from './llm/completion.js';
import { LlmChatConfigSchema, type LlmChatConfig } from './llm/config.js';
import { createMemoryConversationStore, type ConversationStore } from './llm/conversations.js';
import { withDeadline } from './llm/deadline.js';
import { sessionIdOf, userMessageOf } from './llm/prompt.js';
import { credentialValueOf, type CredentialResolver } from './credentials.js';
import { defineNodeType, type NodeType } from './types.js';

export { LlmChatConfigSchema, LlmMemoryConfigSchema } from './llm/config.js';
export type { LlmChatConfig, LlmChatConfigInput } from './llm/config.js';
export { createMemoryConversationStore } from './llm/conversations.js';
export type { ConversationStore, MemoryConversationStoreOptions } from './llm/conversations.js';
export type { LlmChatOutput, LlmUsage } from './llm/completion.js';
export type { FetchLike, FetchLikeInit } from './llm/client.js';

export interface LlmChatNodeOptions {
  /** Default `globalThis.fetch`; the application passes a guarded one. */
  fetch?: FetchLike;
  /** Default: a new in-memory store, private to this node type. */
  conversations?: ConversationStore;
  /** The API key held by a named credential for the asking run; undefined when there is none. */
  resolveCredential?: CredentialResolver;
}

/** What a streaming `llm.chat` node reports with `context.progress` for each piece of the reply. */
export interface LlmChatProgress {
  token: string;
}

/**
 * The `llm.chat` node type: one call to an OpenAI-compatible chat completions API.
 *
 * Input: a string, `{ message: string }`, or anything the config's `prompt` reads with
 * `{{path}}` placeholders. Output: {@link LlmChatOutput}. While streaming, each token is
 * reported as `{ token }` progress, in order; the tokens concatenate to `text`. With memory on,
 * the session's earlier turns are sent before the new message, and the turn is saved only
 * when the call succeeded.
 *
 * @example
 * const llmChat = createLlmChatNode({
 *   fetch: guardedFetch,
 *   resolveCredential: (name) => secrets.get(name),
 * });
 */
export function createLlmChatNode(options: LlmChatNodeOptions = {}): NodeType {
  const fetch = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const conversations = options.conversations ?? createMemoryConversationStore();
  const resolveCredential = options.resolveCredential ?? (() => undefined);

  async function run(input: unknown, config: LlmChatConfig, context: NodeContext) {
    const apiKey =
      config.credential === undefined
        ? undefined
        : await credentialValueOf(config.credential, {
            resolve: resolveCredential,
            runId: context.runId,
            op: 'llm.chat',
            field: 'credential',
          });
    const user: ChatMessage = { role: 'user', content: userMessageOf(input, config.prompt) };
    const { memory } = config;
    const sessionId = memory.enabled ? sessionIdOf(input, memory.sessionKey) : undefined;
    const history =
      sessionId === undefined
        ? []
        : startAtUser(await conversations.load(sessionId, memory.maxMessages));
    const output = await complete({ fetch, config, apiKey, context }, [...history, user]);
    // Only a successful turn is remembered: a failed call leaves the session as it was.
    if (sessionId !== undefined) {
      await conversations.append(sessionId, [user, { role: 'assistant', content: output.text }]);
    }
    return output;
  }

  return defineNodeType({
    type: 'llm.chat',
    inputs: [{ name: 'in', type: 'any', required: true }],
    outputs: [{ name: 'out', type: 'object' }],
    config: LlmChatConfigSchema,
    maxMs: (config) => config.timeoutMs,
    estimatedMs: 2000,
    ui: {
      title: 'LLM chat',
      category: 'AI',
      icon: 'bot',
      description:
        'Sends a message to an OpenAI-compatible chat model (OpenAI, Ollama, vLLM, …) and outputs its reply, streaming tokens as they arrive. Optional memory per session.',
      defaultConfig: {
        baseUrl: 'http://localhost:11434/v1',
        model: 'llama3.2',
        stream: true,
        memory: { enabled: false, sessionKey: 'sessionId', maxMessages: 20 },
        timeoutMs: 60_000,
      },
    },
    run: ({ input, config, context }) => run(input, config, context),
  });
}

interface CompleteArgs {
  fetch: FetchLike;
  config: LlmChatConfig;
  apiKey: string | undefined;
  context: NodeContext;
}

function complete(args: CompleteArgs, turns: ChatMessage[]): Promise<LlmChatOutput> {
  const { fetch, config, apiKey, context } = args;
  const host = new URL(config.baseUrl).host;
  return withDeadline(
    { timeoutMs: config.timeoutMs, signal: context.signal, host, apiKey },
    (signal) =>
      callChatCompletions({
        fetch,
        baseUrl: config.baseUrl,
        body: requestBody(config, turns),
        apiKey,
        credential: config.credential,
        signal,
        onToken: (token) => context.progress({ token } satisfies LlmChatProgress),
      }),
  );
}

function requestBody(config: LlmChatConfig, turns: ChatMessage[]) {
  const system = config.system === undefined ? [] : [{ role: 'system', content: config.system }];
  return {
    model: config.model,
    messages: [...system, ...turns],
    stream: config.stream,
    ...(config.stream ? { stream_options: { include_usage: true } } : {}),
    ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
    ...(config.maxTokens === undefined ? {} : { max_tokens: config.maxTokens }),
  };
}

/** A window cut at an odd place would start with an assistant reply to a question it lacks. */
function startAtUser(history: readonly ChatMessage[]): ChatMessage[] {
  const first = history.findIndex((message) => message.role === 'user');
  return first === -1 ? [] : history.slice(first);
}
