/**
 * A small OpenAI-compatible server for tests: real HTTP on 127.0.0.1, `POST /v1/chat/completions`
 * (JSON and server-sent events) and `GET /v1/models`, in OpenAI's wire format. Replies are
 * derived from the request so a test can tell which messages the client really sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OpenAiServerOptions {
  /** The key `Authorization: Bearer <key>` must carry; no check when undefined. */
  apiKey?: string;
  /** The first `count` chat requests answer with `status` (e.g. 429, 500) in OpenAI's error format. */
  failures?: { status: number; count: number };
  /**
   * Never finish chat requests: `before-headers` sends nothing; `mid-stream` (streaming requests)
   * sends the headers and the first token, then nothing. For timeout and cancellation tests.
   */
  stall?: 'before-headers' | 'mid-stream';
  /**
   * Broken replies: `json` a cut-off JSON body (non-streaming) or chunk (streaming); `shape`
   * valid JSON whose `choices` is not a list; `truncated` a stream that ends without finish
   * reason and `[DONE]`.
   */
  malformed?: 'json' | 'shape' | 'truncated';
  /**
   * Awaited before each streamed content token (`index` counts from 0), so a test can hold the
   * reply after a few words and release the rest when it has seen them, without sleeping.
   * Streaming requests only; when absent, tokens are written at once.
   *
   * @example
   * let release!: () => void;
   * const released = new Promise<void>((resolve) => (release = resolve));
   * const server = await startOpenAiCompatibleServer({
   *   gate: (index) => (index < 3 ? Promise.resolve() : released),
   * });
   */
  gate?: (index: number) => Promise<void>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The parsed JSON body; undefined when there was none or it was not JSON. */
  body: unknown;
  /** Set when the client closed the connection before the reply was complete. */
  closedByClient: boolean;
}

export interface OpenAiServer {
  /** Base URL ending in `/v1`, e.g. `http://127.0.0.1:51234/v1`. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number): Promise<void>;
  /** Resolves when the client of `request` has closed its connection. */
  waitForClientClose(request: RecordedRequest): Promise<void>;
  close(): Promise<void>;
}

interface ChatBody {
  model: string;
  messages: { role: string; content: string }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  max_tokens?: number;
}

const CREATED = 1_700_000_000;

/**
 * Starts the server on a free port.
 *
 * @example
 * const server = await startOpenAiCompatibleServer({ apiKey: 'sk-test' });
 * // ... point the client at server.url, then:
 * await server.close();
 */
export async function startOpenAiCompatibleServer(
  options: OpenAiServerOptions = {},
): Promise<OpenAiServer> {
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();
  let chatRequests = 0;

  const server = createServer((req, res) => {
    void readBody(req).then(
      (text) => {
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: parseJson(text),
          closedByClient: false,
        };
        res.on('close', () => {
          if (!res.writableFinished) recorded.closedByClient = true;
          notify();
        });
        requests.push(recorded);
        notify();
        route(recorded, res);
      },
      () => res.destroy(),
    );
  });

  function notify(): void {
    for (const waiter of waiters) waiter();
  }
  function waitUntil(done: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!done()) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  }

  function route(request: RecordedRequest, res: ServerResponse): void {
    if (!authorised(request, res)) return;
    if (request.method === 'GET' && request.path === '/v1/models') {
      const model = {
        id: 'beluga-test-model',
        object: 'model',
        created: CREATED,
        owned_by: 'beluga',
      };
      return sendJson(res, 200, { object: 'list', data: [model] });
    }
    if (request.method === 'POST' && request.path === '/v1/chat/completions') {
      chatRequests += 1;
      return chat(request, res, chatRequests);
    }
    sendError(res, 404, `Invalid URL (${request.method} ${request.path})`, 'invalid_request_error');
  }

  function authorised(request: RecordedRequest, res: ServerResponse): boolean {
    if (options.apiKey === undefined) return true;
    const header = request.headers.authorization;
    if (header === `Bearer ${options.apiKey}`) return true;
    // Like OpenAI, the message quotes the key it was given: clients must not pass it on verbatim.
    const message =
      header === undefined
        ? "You didn't provide an API key."
        : `Incorrect API key provided: ${header.replace(/^Bearer /, '')}.`;
    sendError(res, 401, message, 'invalid_request_error', 'invalid_api_key');
    return false;
  }

  function chat(request: RecordedRequest, res: ServerResponse, ordinal: number): void {
    const body = request.body as Partial<ChatBody> | undefined;
    if (!body || typeof body.model !== 'string' || !Array.isArray(body.messages)) {
      return sendError(res, 400, 'you must provide a model and messages', 'invalid_request_error');
    }
    const { failures, stall } = options;
    if (failures && ordinal <= failures.count) {
      const type = failures.status === 429 ? 'requests' : 'server_error';
      return sendError(res, failures.status, `Simulated HTTP ${failures.status}`, type);
    }
    if (stall === 'before-headers') return;
    if (body.stream === true) return void streamReply(res, body as ChatBody);
    if (options.malformed === 'json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"id":"chatcmpl-broken","choices":[');
    }
    if (options.malformed === 'shape') {
      return sendJson(res, 200, { ...envelope('chat.completion', body.model), choices: 'none' });
    }
    const { tokens, finishReason, usage } = replyTo(body as ChatBody);
    sendJson(res, 200, {
      ...envelope('chat.completion', body.model),
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: tokens.join(''), refusal: null },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage,
    });
  }

  /** False when the client went away while the gate held the token. */
  async function pass(res: ServerResponse, index: number): Promise<boolean> {
    if (!options.gate) return true;
    await options.gate(index);
    return !res.destroyed;
  }

  async function streamReply(res: ServerResponse, body: ChatBody): Promise<void> {
    const { tokens, finishReason, usage } = replyTo(body);
    const withUsage = body.stream_options?.include_usage === true;
    const chunk = (delta: object, finish: string | null) => ({
      ...envelope('chat.completion.chunk', body.model),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(withUsage ? { usage: null } : {}),
    });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    send(chunk({ role: 'assistant', content: '' }, null));
    const [first, ...rest] = tokens;
    if (!(await pass(res, 0))) return;
    send(chunk({ content: first ?? '' }, null));
    if (options.stall === 'mid-stream') return;
    if (options.malformed === 'json') return void res.end('data: {"id":"chatcmpl-broken",\n\n');
    if (options.malformed === 'shape') return void res.end('data: {"choices":{"delta":1}}\n\n');
    for (const [i, token] of rest.entries()) {
      if (!(await pass(res, i + 1))) return;
      send(chunk({ content: token }, null));
    }
    if (options.malformed === 'truncated') return void res.end();
    send(chunk({}, finishReason));
    if (withUsage) send({ ...envelope('chat.completion.chunk', body.model), choices: [], usage });
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    waitForRequests: (count) => waitUntil(() => requests.length >= count),
    waitForClientClose: (request) => waitUntil(() => request.closedByClient),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Stalled replies would keep close() waiting forever.
        server.closeAllConnections();
      }),
  };
}

/**
 * The deterministic reply: `You said: <last user message>; I remember <N> earlier messages`,
 * N counting the user and assistant messages before it, split into word tokens.
 */
export function replyTo(body: Pick<ChatBody, 'messages' | 'max_tokens'>) {
  const turns = body.messages.filter((message) => message.role !== 'system');
  const last = turns.at(-1);
  const text = `You said: ${last?.content ?? ''}; I remember ${turns.length - 1} earlier messages`;
  const all = text.match(/\S+\s*/g) ?? [];
  const limit = body.max_tokens ?? Infinity;
  const tokens = all.slice(0, limit);
  const promptTokens = body.messages.reduce((sum, m) => sum + wordCount(m.content), 0);
  return {
    tokens,
    finishReason: all.length > limit ? 'length' : 'stop',
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: tokens.length,
      total_tokens: promptTokens + tokens.length,
    },
  };
}

function wordCount(text: unknown): number {
  return typeof text === 'string' ? (text.match(/\S+/g) ?? []).length : 0;
}

function envelope(object: string, model: string) {
  return { id: 'chatcmpl-beluga-test', object, created: CREATED, model, system_fingerprint: null };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null = null,
): void {
  sendJson(res, status, { error: { message, type, param: null, code } });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
