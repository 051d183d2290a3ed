import { readText } from './body.js';
import { completionOutput, malformed, parseJsonReply, type LlmChatOutput } from './completion.js';
import { responseError } from './httpErrors.js';
import { readStream } from './stream.js';

/** What the node passes to fetch: plain values that both `globalThis.fetch` and a guarded fetch take. */
export interface FetchLikeInit {
  method: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

/** The fetch the node calls; the application may pass one that refuses private addresses. */
export type FetchLike = (url: string, init: FetchLikeInit) => Promise<Response>;

/** A non-streaming reply larger than this is refused rather than buffered. */
const MAX_REPLY_BYTES = 16 * 1_048_576;

export interface ChatCall {
  fetch: FetchLike;
  baseUrl: string;
  /** The request body: model, messages, stream and sampling fields, in OpenAI's names. */
  body: { model: string; stream: boolean } & Record<string, unknown>;
  apiKey: string | undefined;
  credential: string | undefined;
  signal: AbortSignal;
  onToken: (token: string) => void;
}

/**
 * POSTs `{baseUrl}/chat/completions` and returns the reply, streamed or not. A server that
 * answers a streaming request with plain JSON is accepted: its whole text counts as one token.
 */
export async function callChatCompletions(call: ChatCall): Promise<LlmChatOutput> {
  const { body, apiKey, signal } = call;
  const host = new URL(call.baseUrl).host;
  const response = await call.fetch(`${call.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: body.stream ? 'text/event-stream' : 'application/json',
      ...(apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` }),
    },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) {
    throw await responseError(response, { host, credential: call.credential, apiKey, signal });
  }
  const type = response.headers.get('content-type') ?? '';
  if (body.stream && type.includes('text/event-stream') && response.body) {
    return readStream(response.body, {
      host,
      model: body.model,
      apiKey,
      signal,
      onToken: call.onToken,
    });
  }
  const { text, complete } = await readText(response, MAX_REPLY_BYTES, signal);
  if (!complete) throw malformed(host, `the reply is larger than ${MAX_REPLY_BYTES} bytes`);
  const output = completionOutput(parseJsonReply(text, host), body.model, host);
  if (body.stream && output.text !== '' && !signal.aborted) call.onToken(output.text);
  return output;
}
