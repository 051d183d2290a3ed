import { z } from 'zod';
import { toFetchFailure } from './network/fetchFailure.js';
import { createGuardedFetch, type GuardedFetch } from './network/guardedFetch.js';
import { toHttpOutput, type HttpResponseOutput } from './network/httpResponse.js';
import type { NetworkPolicy } from './network/networkPolicy.js';
import { fillUrlTemplate, hasPlaceholders } from './network/urlTemplate.js';
import { defineNodeType, type NodeType } from './types.js';

const OP = 'node:http.request';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
/** Methods that send the node input as a JSON body when the config has no `body`. */
const INPUT_BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);
const MB = 1024 * 1024;

/** A URL the editor can check before any input exists: placeholders stand in for a value. */
function isHttpUrlTemplate(template: string): boolean {
  const sample = template.replace(/\{\{[^}]*\}\}/g, 'x');
  if (!URL.canParse(sample)) return false;
  const { protocol } = new URL(sample);
  return protocol === 'http:' || protocol === 'https:';
}

/**
 * Config of `http.request`. Without `body`, POST/PUT/PATCH send the node input as JSON (when the
 * node has an input); GET, HEAD and DELETE send none. Placeholders are filled only in `url`.
 */
export const HttpRequestConfigSchema = z
  .object({
    method: z.enum(METHODS).default('GET'),
    /** May hold `{{path.to.value}}` placeholders, filled URL-encoded from the node input. */
    url: z.string().trim().min(1).max(8192).refine(isHttpUrlTemplate, {
      message: 'expected an http: or https: URL; placeholders look like {{path.to.value}}',
    }),
    /** Sent as given; never shown in outputs or error messages (they may hold credentials). */
    headers: z
      .record(
        z.string().regex(/^[!#$%&'*+.^_`|~\w-]+$/, 'expected a header name'),
        z
          .string()
          .regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'header values may not hold control characters'),
      )
      .default({}),
    /** A string is sent as is (text/plain); other JSON as application/json. See the node's docs. */
    body: z.json().optional(),
    timeoutMs: z.number().int().positive().max(300_000).default(30_000),
    maxResponseBytes: z
      .number()
      .int()
      .positive()
      .max(50 * MB)
      .default(5 * MB),
    /** `auto` parses JSON when the content-type says so (`application/json`, `+json`). */
    responseType: z.enum(['json', 'text', 'auto']).default('auto'),
    /** Throw on HTTP 4xx/5xx (5xx, 429 and 408 retryable); false outputs them like any status. */
    failOnHttpError: z.boolean().default(true),
  })
  .strict()
  .refine((config) => config.body === undefined || !['GET', 'HEAD'].includes(config.method), {
    message: 'GET and HEAD requests have no body',
    path: ['body'],
  });

export type HttpRequestConfig = z.output<typeof HttpRequestConfigSchema>;

export interface HttpRequestNodeOptions {
  /** Where requests may go; used to build the client when `fetch` is not given. */
  network: NetworkPolicy;
  /** A guarded client to share (e.g. with llm.chat); it must come from createGuardedFetch. */
  fetch?: GuardedFetch;
}

interface RequestParts {
  headers: Record<string, string>;
  body: string | undefined;
}

/**
 * The body sent: `config.body` when set (a string as text, anything else as JSON); otherwise, for
 * POST, PUT and PATCH, the node input as JSON when there is one; otherwise none.
 */
function requestParts(config: HttpRequestConfig, input: unknown): RequestParts {
  const headers = { ...config.headers };
  const value = config.body ?? (INPUT_BODY_METHODS.has(config.method) ? input : undefined);
  if (value === undefined) return { headers, body: undefined };
  const isText = typeof value === 'string' && config.body !== undefined;
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  if (!hasType) headers['content-type'] = isText ? 'text/plain; charset=utf-8' : 'application/json';
  return { headers, body: isText ? value : JSON.stringify(value) };
}

/** `METHOD origin/path`: the query is left out, as it often carries API keys. */
function describeTarget(method: string, url: string): string {
  if (!URL.canParse(url)) return method;
  const { origin, pathname } = new URL(url);
  return `${method} ${origin}${pathname}`;
}

/**
 * The `http.request` node type: one HTTP request through the guarded client, output
 * `{ status, headers, body }` on `out`.
 *
 * @example
 * const registry = [createHttpRequestNode({ network: { allowPrivateNetworks: false } })];
 * // config: { method: 'GET', url: 'https://api.example.com/users/{{user.id}}' }
 */
export function createHttpRequestNode(options: HttpRequestNodeOptions): NodeType {
  const guardedFetch = options.fetch ?? createGuardedFetch(options.network, { op: OP });
  return defineNodeType({
    type: 'http.request',
    inputs: [{ name: 'in', type: 'any' }],
    outputs: [{ name: 'out', type: 'object' }],
    config: HttpRequestConfigSchema,
    maxMs: (config) => config.timeoutMs,
    estimatedMs: 500,
    ui: {
      title: 'HTTP request',
      category: 'Network',
      icon: 'globe',
      description:
        'Calls an HTTP API and outputs { status, headers, body }. Private network addresses are refused unless the server allows them.',
      defaultConfig: { method: 'GET', url: 'https://example.com/' },
    },
    run: ({ input, config, context }) => runRequest(guardedFetch, config, input, context.signal),
  });
}

async function runRequest(
  guardedFetch: GuardedFetch,
  config: HttpRequestConfig,
  input: unknown,
  signal: AbortSignal,
): Promise<HttpResponseOutput> {
  const url = hasPlaceholders(config.url) ? fillUrlTemplate(config.url, input, OP) : config.url;
  const target = describeTarget(config.method, url);
  const { headers, body } = requestParts(config, input);
  const secrets = Object.values(config.headers);
  const timeout = AbortSignal.timeout(config.timeoutMs);
  try {
    const response = await guardedFetch(url, {
      method: config.method,
      headers,
      body,
      signal: AbortSignal.any([signal, timeout]),
    });
    return await toHttpOutput(response, {
      op: OP,
      target,
      secrets,
      method: config.method,
      responseType: config.responseType,
      maxResponseBytes: config.maxResponseBytes,
      failOnHttpError: config.failOnHttpError,
    });
  } catch (error) {
    const timedOutAfterMs = timeout.aborted && !signal.aborted ? config.timeoutMs : undefined;
    throw toFetchFailure(error, { op: OP, target, signal, timedOutAfterMs, secrets });
  }
}
