import { z } from 'zod';
import { credentialValueOf, type CredentialResolver } from './credentials.js';
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

const HeaderNameSchema = z.string().regex(/^[!#$%&'*+.^_`|~\w-]+$/, 'expected a header name');

/**
 * How a request authenticates with a credential of the run's workspace. Without `credential` it
 * sends nothing (the editor leaves an emptied group behind).
 */
export const HttpAuthConfigSchema = z
  .object({
    /** The credential whose value authenticates the request; never written to the document. */
    credential: z.string().min(1).max(200).optional(),
    /**
     * `bearer`: `Authorization: Bearer <value>`; `basic`: the value is `user:password`, sent as
     * HTTP Basic; `header`: the value as is, in `header` (e.g. `x-api-key`).
     */
    scheme: z.enum(['bearer', 'basic', 'header']).default('bearer'),
    /** The header that carries the value with the `header` scheme. */
    header: HeaderNameSchema.optional(),
  })
  .strict()
  .refine((auth) => auth.scheme !== 'header' || auth.header !== undefined, {
    message: 'name the header the credential goes in (e.g. x-api-key)',
    path: ['header'],
  });

export type HttpAuthConfig = z.output<typeof HttpAuthConfigSchema>;

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
        HeaderNameSchema,
        z
          .string()
          .regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'header values may not hold control characters'),
      )
      .default({}),
    /** Authentication with a credential; its header replaces a configured one of that name. */
    auth: HttpAuthConfigSchema.optional(),
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
  /** The values of the credentials `auth` names; without it, a request with `auth` fails. */
  resolveCredential?: CredentialResolver;
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
    run: async ({ input, config, context }) => {
      const auth = await authOf(config.auth, options.resolveCredential, context.runId);
      return runRequest(guardedFetch, { config, input, auth, signal: context.signal });
    },
  });
}

/** The header an `auth` config adds, and the secrets it sends (for redaction). */
interface AuthHeader {
  name: string;
  value: string;
  secrets: string[];
}

async function authOf(
  auth: HttpAuthConfig | undefined,
  resolve: CredentialResolver | undefined,
  runId: string,
): Promise<AuthHeader | undefined> {
  if (auth?.credential === undefined) return undefined;
  const value = await credentialValueOf(auth.credential, {
    resolve: resolve ?? (() => undefined),
    runId,
    op: OP,
    field: 'auth.credential',
  });
  if (auth.scheme === 'header') return { name: auth.header ?? '', value, secrets: [value] };
  if (auth.scheme === 'bearer')
    return { name: 'authorization', value: `Bearer ${value}`, secrets: [value] };
  const encoded = Buffer.from(value, 'utf8').toString('base64');
  return { name: 'authorization', value: `Basic ${encoded}`, secrets: [value, encoded] };
}

/** The configured headers with the auth header in place of any of the same name. */
function withAuth(headers: Record<string, string>, auth: AuthHeader | undefined) {
  if (!auth) return headers;
  const name = auth.name.toLowerCase();
  const kept = Object.entries(headers).filter(([key]) => key.toLowerCase() !== name);
  return { ...Object.fromEntries(kept), [auth.name]: auth.value };
}

interface RequestArgs {
  config: HttpRequestConfig;
  input: unknown;
  auth: AuthHeader | undefined;
  signal: AbortSignal;
}

async function runRequest(
  guardedFetch: GuardedFetch,
  { config, input, auth, signal }: RequestArgs,
): Promise<HttpResponseOutput> {
  const url = hasPlaceholders(config.url) ? fillUrlTemplate(config.url, input, OP) : config.url;
  const target = describeTarget(config.method, url);
  const parts = requestParts(config, input);
  const headers = withAuth(parts.headers, auth);
  const { body } = parts;
  const secrets = [...Object.values(config.headers), ...(auth?.secrets ?? [])];
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
