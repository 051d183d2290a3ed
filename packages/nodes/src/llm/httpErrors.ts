import { OrchestratorError } from '@beluga/orchestration';
import { readText } from './body.js';

const OP = 'llm.chat';
const MAX_DETAIL_CHARS = 300;
const MAX_ERROR_BODY_BYTES = 65_536;

export interface ResponseErrorContext {
  host: string;
  /** The credential's name, never its value. */
  credential: string | undefined;
  /** Scrubbed from anything the server says before it reaches a message. */
  apiKey: string | undefined;
  signal: AbortSignal;
}

/**
 * The error for a non-2xx reply: 401/403 say the key was refused (INVALID_CONFIG, not
 * retryable); 408, 429 and 5xx are transient (EXECUTION_FAILED, retryable); any other status is
 * a request the server will refuse again (EXECUTION_FAILED, not retryable).
 */
export async function responseError(
  response: Response,
  context: ResponseErrorContext,
): Promise<OrchestratorError> {
  const { status } = response;
  if (status === 401 || status === 403) {
    // The server's own words are dropped: OpenAI's quote the key it was given.
    await response.body?.cancel().catch(() => undefined);
    return refusedKey(status, context);
  }
  const detail = redact(await serverMessage(response, context.signal), context.apiKey);
  const retryable = status === 408 || status === 429 || status >= 500;
  const retryAfterMs = retryAfter(response.headers.get('retry-after'));
  return new OrchestratorError({
    code: 'EXECUTION_FAILED',
    op: OP,
    message: `${context.host} answered HTTP ${status}${detail === '' ? '' : `: ${detail}`}`,
    retryable,
    details: { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
  });
}

function refusedKey(status: number, { host, credential }: ResponseErrorContext): OrchestratorError {
  const message =
    credential === undefined
      ? `${host} refused the call without an API key (HTTP ${status}); name a credential in the config`
      : `${host} refused the API key of credential "${credential}" (HTTP ${status})`;
  return new OrchestratorError({
    code: 'INVALID_CONFIG',
    op: OP,
    message,
    retryable: false,
    field: 'credential',
    details: { status },
  });
}

/** `error.message` of an OpenAI-style error body, else the start of the body text. */
async function serverMessage(response: Response, signal: AbortSignal): Promise<string> {
  let { text } = await readText(response, MAX_ERROR_BODY_BYTES, signal);
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') text = message;
  } catch {
    // not JSON: keep the text
  }
  text = text.trim();
  return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}…` : text;
}

/** `text` with every occurrence of `secret` replaced. */
export function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('[redacted]') : text;
}

function retryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
