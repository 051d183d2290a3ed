import { OrchestratorError } from '@beluga/orchestration';
import type { ReadableStreamReadResult } from 'node:stream/web';
import type { Response } from 'undici';

export interface ReadBodyOptions {
  /** The most bytes accepted; a longer body is cancelled at that point. */
  maxBytes: number;
  op: string;
}

/**
 * Reads a response body up to a cap. The body is consumed chunk by chunk and cancelled (closing
 * the connection) as soon as the cap is passed, so an endless or huge response costs at most the
 * cap plus one network chunk of memory. A declared Content-Length over the cap fails at once.
 */
export async function readBoundedBody(
  response: Response,
  { maxBytes, op }: ReadBodyOptions,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(op, maxBytes, declared);
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = (await reader.read()) as ReadableStreamReadResult<Uint8Array>;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(op, maxBytes);
    }
    chunks.push(value);
  }
  return concat(chunks, total);
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(op: string, maxBytes: number, declared?: number): OrchestratorError {
  return new OrchestratorError({
    code: 'RESOURCE_EXHAUSTED',
    op,
    retryable: false,
    field: 'maxResponseBytes',
    message: `The response is larger than maxResponseBytes (${maxBytes} bytes)`,
    details: { maxBytes, ...(declared === undefined ? {} : { contentLength: declared }) },
  });
}

/**
 * The first `maxBytes` of a body as text, then cancels the rest: enough of an error response to
 * show the API's message without reading a whole error page.
 */
export async function readPreview(response: Response, maxBytes = 1024): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < maxBytes) {
      const { done, value } = (await reader.read()) as ReadableStreamReadResult<Uint8Array>;
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const text = new TextDecoder().decode(concat(chunks, total).subarray(0, maxBytes));
  return total > maxBytes ? `${text}…` : text;
}
