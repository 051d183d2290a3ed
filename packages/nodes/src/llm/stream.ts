import { OrchestratorError } from '@beluga/orchestration';
import { ChunkSchema, parseJsonReply, parseWith, toUsage } from './completion.js';
import type { LlmChatOutput } from './completion.js';
import { redact } from './httpErrors.js';
import { readSse } from './sse.js';

export interface ReadStreamOptions {
  host: string;
  /** Reported when no chunk names the model. */
  model: string;
  apiKey: string | undefined;
  signal: AbortSignal;
  onToken: (token: string) => void;
}

/**
 * Collects a streamed chat completion (`chat.completion.chunk` events ending in `data: [DONE]`),
 * passing each content delta to `onToken` as it arrives.
 */
export async function readStream(
  body: ReadableStream<Uint8Array>,
  options: ReadStreamOptions,
): Promise<LlmChatOutput> {
  const { host, signal } = options;
  let text = '';
  let model = options.model;
  let finishReason: string | null | undefined;
  let usage: ReturnType<typeof toUsage> = {};
  let done = false;
  for await (const event of readSse(body, signal)) {
    if (event.data === '[DONE]') {
      done = true;
      break;
    }
    const json = parseJsonReply(event.data, host);
    throwIfError(json, options);
    const chunk = parseWith(ChunkSchema, json, host);
    const choice = chunk.choices?.[0];
    const token = choice?.delta?.content;
    if (token) {
      text += token;
      if (!signal.aborted) options.onToken(token);
    }
    if (choice?.finish_reason) finishReason = choice.finish_reason;
    if (chunk.model) model = chunk.model;
    if (chunk.usage) usage = toUsage(chunk.usage);
  }
  // A stream may end without [DONE] once the finish reason came; before it, the reply is cut.
  if (!done && finishReason === undefined) {
    throw new OrchestratorError({
      code: 'EXECUTION_FAILED',
      op: 'llm.chat',
      message: `${host} ended the stream before the reply was complete`,
    });
  }
  return { text, model, finishReason: finishReason ?? null, ...usage };
}

/** OpenAI reports failures after the headers as a `{ "error": { … } }` event. */
function throwIfError(json: unknown, options: ReadStreamOptions): void {
  if (typeof json !== 'object' || json === null || !('error' in json)) return;
  const { error } = json;
  const message =
    typeof error === 'object' && error !== null && 'message' in error
      ? String(error.message)
      : JSON.stringify(error);
  throw new OrchestratorError({
    code: 'EXECUTION_FAILED',
    op: 'llm.chat',
    message: `${options.host} failed during the stream: ${redact(message, options.apiKey).slice(0, 300)}`,
  });
}
