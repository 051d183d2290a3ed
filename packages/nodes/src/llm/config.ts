import { DurationMsSchema } from '@beluga/orchestration';
import { z } from 'zod';

/** An http(s) URL without user info: API keys live in credentials, never in the document. */
const BaseUrlSchema = z
  .url({ protocol: /^https?$/, error: 'Expected an http(s) URL, e.g. http://localhost:11434/v1' })
  .refine((value) => {
    const url = new URL(value);
    return url.username === '' && url.password === '';
  }, 'Put the API key in a credential, not in the URL');

export const LlmMemoryConfigSchema = z
  .object({
    /** Send the earlier turns of the session with each call, and save each new turn. */
    enabled: z.boolean().default(false),
    /** Dot path into the node input where the session id is. */
    sessionKey: z.string().min(1).max(200).default('sessionId'),
    /** The most earlier messages (user and assistant) sent with a call. */
    maxMessages: z.number().int().min(1).max(1000).default(20),
  })
  .strict();

/**
 * Config of an `llm.chat` node. The API key is not part of it: `credential` names the
 * application credential that holds it.
 */
export const LlmChatConfigSchema = z
  .object({
    /** The OpenAI-compatible API root, e.g. `https://api.openai.com/v1`. */
    baseUrl: BaseUrlSchema,
    model: z.string().min(1).max(200),
    /** Name of the credential holding the API key; no Authorization header when absent. */
    credential: z.string().min(1).max(200).optional(),
    /** The system prompt, sent first on every call. */
    system: z.string().max(100_000).optional(),
    /** The user message, with `{{path}}` placeholders filled from the input (`{{.}}`: all of it). */
    prompt: z.string().max(100_000).optional(),
    temperature: z.number().min(0).max(2).optional(),
    /** Sent as `max_tokens`, the field OpenAI-compatible servers share. */
    maxTokens: z.number().int().positive().max(1_000_000).optional(),
    /** Receive the reply as it is generated, reporting each token as progress. */
    stream: z.boolean().default(true),
    memory: LlmMemoryConfigSchema.prefault({}),
    /** Bound of the whole call, streaming included. */
    timeoutMs: DurationMsSchema.default(60_000),
  })
  .strict();

export type LlmChatConfig = z.output<typeof LlmChatConfigSchema>;
export type LlmChatConfigInput = z.input<typeof LlmChatConfigSchema>;
