import { raceAbort } from './abortable.js';

export interface BodyText {
  text: string;
  /** False when the body was longer than the bound and was cut there. */
  complete: boolean;
}

/**
 * Reads a response body as UTF-8 up to `maxBytes`, then cancels the rest: a server cannot make
 * the node buffer an unbounded reply. Aborting `signal` stops a stalled read at once.
 */
export async function readText(
  response: Response,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<BodyText> {
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
  if (!reader) return { text: '', complete: true };
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await raceAbort(reader.read(), signal);
      if (done) return { text: text + decoder.decode(), complete: true };
      const room = maxBytes - bytes;
      bytes += value.byteLength;
      if (value.byteLength > room) {
        return { text: text + decoder.decode(value.subarray(0, room)), complete: false };
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
