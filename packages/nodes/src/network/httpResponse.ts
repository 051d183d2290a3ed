import { OrchestratorError } from '@beluga/orchestration';
import type { Response } from 'undici';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from '../jsonDepth.js';
import { redact } from './fetchFailure.js';
import { readBoundedBody, readPreview } from './readBody.js';

export type ResponseType = 'json' | 'text' | 'auto';

/** What http.request outputs: response headers are safe to show, request headers never are. */
export interface HttpResponseOutput {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, text, or null for HEAD, 204, 304 and an empty JSON body. */
  body: unknown;
}

export interface ResponseReadOptions {
  op: string;
  /** `GET https://host/path`, for messages. */
  target: string;
  method: string;
  responseType: ResponseType;
  maxResponseBytes: number;
  failOnHttpError: boolean;
  /** Request header values, redacted from the error body preview should the server echo them. */
  secrets: readonly string[];
}

/** 408, 429 and 5xx describe the server's state at that moment: a later attempt may succeed. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Turns a response into the node's output, or an error for HTTP errors and bad bodies. */
export async function toHttpOutput(
  response: Response,
  options: ResponseReadOptions,
): Promise<HttpResponseOutput> {
  const { status } = response;
  const headers = Object.fromEntries(response.headers.entries());
  if (status >= 400 && options.failOnHttpError) throw await httpError(response, options);
  if (options.method === 'HEAD' || status === 204 || status === 304) {
    await response.body?.cancel();
    return { status, headers, body: null };
  }
  const bytes = await readBoundedBody(response, {
    maxBytes: options.maxResponseBytes,
    op: options.op,
  });
  const text = new TextDecoder().decode(bytes);
  const contentType = response.headers.get('content-type') ?? '';
  const asJson =
    options.responseType === 'json' ||
    (options.responseType === 'auto' && /[/+]json\b/i.test(contentType));
  return { status, headers, body: asJson ? parseJson(text, status, contentType, options) : text };
}

function parseJson(
  text: string,
  status: number,
  contentType: string,
  { op, target }: ResponseReadOptions,
): unknown {
  if (text.trim() === '') return null;
  if (jsonNestsDeeperThan(text)) {
    throw new OrchestratorError({
      code: 'RESOURCE_EXHAUSTED',
      op,
      retryable: false,
      message: `${target} answered JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
      details: { status, contentType },
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new OrchestratorError({
      code: 'EXECUTION_FAILED',
      op,
      retryable: false,
      field: 'responseType',
      message: `${target} answered a body that is not valid JSON (content-type "${contentType}"); use responseType "text" to get it as text`,
      cause,
      details: { status, contentType },
    });
  }
}

async function httpError(response: Response, options: ResponseReadOptions) {
  const { status, statusText } = response;
  const bodyPreview = redact(await readPreview(response).catch(() => ''), options.secrets);
  const retryAfter = response.headers.get('retry-after');
  return new OrchestratorError({
    code: 'EXECUTION_FAILED',
    op: options.op,
    retryable: isRetryableStatus(status),
    message: `${options.target} answered HTTP ${status}${statusText ? ` ${statusText}` : ''}`,
    details: { status, statusText, bodyPreview, ...(retryAfter ? { retryAfter } : {}) },
  });
}
