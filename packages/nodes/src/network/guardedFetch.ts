import { OrchestratorError } from '@beluga/orchestration';
import { Agent, fetch, Headers } from 'undici';
import type { Dispatcher, HeadersInit, Response } from 'undici';
import { createUrlCheck, parseUrl, type UrlCheck } from './checkUrl.js';
import { createGuardedConnector } from './guardedConnector.js';
import { NetworkPolicySchema, type NetworkPolicy } from './networkPolicy.js';

/** The subset of fetch's RequestInit the guarded client supports. */
export interface GuardedRequestInit {
  method?: string;
  headers?: HeadersInit;
  /** A string or bytes, so that a 307/308 redirect can send it again. */
  body?: string | Uint8Array | null;
  signal?: AbortSignal | null;
  /** `follow` (default) re-checks every hop; `manual` returns the 3xx; `error` throws on one. */
  redirect?: 'follow' | 'manual' | 'error';
}

/** fetch() restricted by a {@link NetworkPolicy}; the response body streams as it arrives. */
export type GuardedFetch = (url: string | URL, init?: GuardedRequestInit) => Promise<Response>;

export interface GuardedFetchOptions {
  /** The operation named in errors, e.g. `node:llm.chat`. Default `network.fetch`. */
  op?: string;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
}

interface Hop {
  url: URL;
  method: string;
  headers: Headers;
  body: string | Uint8Array | null;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/**
 * The only request headers a redirect carries on to another origin. Any other header may hold a
 * credential (`x-api-key`, `api-key`, `private-token`, not only Authorization and Cookie), and the
 * new origin was chosen by the server, not by whoever configured the request.
 */
const CROSS_ORIGIN_HEADERS = new Set([
  'accept',
  'accept-language',
  'content-language',
  'content-type',
  'user-agent',
]);

/**
 * Creates a fetch that refuses private, loopback and other non-public destinations unless the
 * policy allows them: IP literals before connecting, host names on the address DNS returned to
 * the connection itself, and every redirect hop again. A refusal is an OrchestratorError
 * `INVALID_CONFIG` (not retryable) with `details: { host, address, reason }`.
 *
 * @example
 * const guardedFetch = createGuardedFetch({ allowPrivateNetworks: false }, { op: 'node:llm.chat' });
 * const response = await guardedFetch('https://api.example.com/v1/chat/completions', {
 *   method: 'POST', headers: { 'content-type': 'application/json' }, body, signal,
 * });
 * for await (const chunk of response.body!) handle(chunk); // streamed, not buffered
 */
export function createGuardedFetch(
  policy: NetworkPolicy,
  options: GuardedFetchOptions = {},
): GuardedFetch {
  const parsed = NetworkPolicySchema.parse(policy);
  const op = options.op ?? 'network.fetch';
  const maxRedirects = options.maxRedirects ?? 5;
  const dispatcher = parsed.allowPrivateNetworks
    ? new Agent()
    : new Agent({ connect: createGuardedConnector({ policy: parsed, op }) });
  const check = createUrlCheck(parsed, op);
  return async (url, init = {}) => {
    let hop: Hop = {
      url: parseUrl(url, op),
      method: (init.method ?? 'GET').toUpperCase(),
      headers: toHeaders(init.headers, op),
      body: init.body ?? null,
    };
    for (let redirects = 0; ; redirects += 1) {
      const response = await send(hop, { check, dispatcher, signal: init.signal ?? null });
      const location = response.headers.get('location');
      const mode = init.redirect ?? 'follow';
      if (!REDIRECT_STATUSES.has(response.status) || location === null || mode === 'manual') {
        return response;
      }
      await response.body?.cancel();
      if (mode === 'error' || redirects >= maxRedirects) {
        throw redirectError(
          op,
          mode === 'error' ? 'redirects are not allowed' : 'too many redirects',
        );
      }
      hop = nextHop(hop, response.status, location, op);
    }
  };
}

interface SendOptions {
  check: UrlCheck;
  dispatcher: Dispatcher;
  signal: AbortSignal | null;
}

async function send(hop: Hop, { check, dispatcher, signal }: SendOptions): Promise<Response> {
  check(hop.url);
  try {
    const { method, headers, body } = hop;
    return await fetch(hop.url, { method, headers, body, signal, dispatcher, redirect: 'manual' });
  } catch (error) {
    // undici wraps connector errors in TypeError('fetch failed'); surface a refusal as itself.
    throw findRefusal(error) ?? error;
  }
}

function findRefusal(error: unknown): OrchestratorError | undefined {
  for (let current = error, depth = 0; depth < 5; depth += 1) {
    if (current instanceof OrchestratorError) return current;
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The request of the next hop: what fetch's "HTTP-redirect fetch" does, minus CORS. */
function nextHop(hop: Hop, status: number, location: string, op: string): Hop {
  const url = URL.canParse(location, hop.url.href) ? new URL(location, hop.url.href) : undefined;
  if (url === undefined) throw redirectError(op, 'a redirect has an invalid Location');
  const headers =
    url.origin === hop.url.origin ? new Headers(hop.headers) : crossOrigin(hop.headers);
  const toGet = status === 303 || ((status === 301 || status === 302) && hop.method === 'POST');
  if (!toGet) return { url, method: hop.method, headers, body: hop.body };
  for (const name of ['content-type', 'content-length', 'content-encoding']) headers.delete(name);
  return { url, method: hop.method === 'HEAD' ? 'HEAD' : 'GET', headers, body: null };
}

function crossOrigin(headers: Headers): Headers {
  return new Headers([...headers].filter(([name]) => CROSS_ORIGIN_HEADERS.has(name)));
}

/** undici's header errors quote the value, which may be a credential: say only what is wrong. */
function toHeaders(init: HeadersInit | undefined, op: string): Headers {
  try {
    return new Headers(init);
  } catch {
    const message =
      'a request header has an invalid name or value (control or non-Latin-1 characters)';
    throw new OrchestratorError({ code: 'INVALID_CONFIG', op, message, retryable: false });
  }
}

function redirectError(op: string, message: string): OrchestratorError {
  return new OrchestratorError({ code: 'EXECUTION_FAILED', op, message, retryable: false });
}
