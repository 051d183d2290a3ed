import { OrchestratorError } from '@beluga/orchestration';
import { raceAbort } from './abortable.js';

/** One server-sent event. `event` is `message` unless the stream named another type. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

export interface SseParser {
  /** Feeds decoded text; returns the events it completed. */
  push(text: string): SseEvent[];
  /** Ends the stream; returns a last event that lacked its closing blank line, if any. */
  end(): SseEvent[];
}

/** Bounds one event so a server that never sends a blank line cannot exhaust memory. */
export const DEFAULT_MAX_EVENT_CHARS = 1_048_576;

/**
 * An incremental parser of the `text/event-stream` format (WHATWG HTML, "server-sent events"):
 * CRLF, LF or CR line ends, possibly split across chunks; `:` comments; multi-line `data`.
 * Unlike a browser it also delivers a final event that lacks its blank line, since the caller
 * decides for itself whether the stream ended too early.
 *
 * @example
 * const parser = createSseParser();
 * parser.push('data: {"a":1}\n'); // []
 * parser.push('\n'); // [{ event: 'message', data: '{"a":1}' }]
 */
export function createSseParser(maxEventChars = DEFAULT_MAX_EVENT_CHARS): SseParser {
  let buffer = '';
  let started = false;
  let data: string[] = [];
  let dataChars = 0;
  let event = '';
  let id: string | undefined;

  function line(text: string, out: SseEvent[]): void {
    if (text === '') return dispatch(out);
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      data.push(value);
      dataChars += value.length + 1;
    } else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
    // `retry` and unknown fields are ignored, as the format prescribes.
  }

  function dispatch(out: SseEvent[]): void {
    if (data.length > 0) {
      out.push({
        event: event || 'message',
        data: data.join('\n'),
        ...(id === undefined ? {} : { id }),
      });
    }
    data = [];
    dataChars = 0;
    event = '';
  }

  function drain(final: boolean): SseEvent[] {
    const out: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const char = buffer[i];
      if (char !== '\n' && char !== '\r') continue;
      // A CR at the very end may be the first half of a CRLF split across chunks.
      if (char === '\r' && i === buffer.length - 1 && !final) break;
      line(buffer.slice(start, i), out);
      if (char === '\r' && buffer[i + 1] === '\n') i++;
      start = i + 1;
    }
    buffer = buffer.slice(start);
    if (buffer.length + dataChars > maxEventChars) throw tooLarge(maxEventChars);
    return out;
  }

  return {
    push(text) {
      buffer += text;
      if (!started && buffer.length > 0) {
        started = true;
        if (buffer.startsWith('\uFEFF')) buffer = buffer.slice(1);
      }
      return drain(false);
    },
    end() {
      const out = drain(true);
      if (buffer !== '') line(buffer, out);
      buffer = '';
      dispatch(out);
      return out;
    },
  };
}

/**
 * Reads the events of a response body. Aborting `signal` rejects the pending read at once and
 * cancels the body, which closes the connection.
 */
export async function* readSse(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser();
  try {
    for (;;) {
      const { done, value } = await raceAbort(reader.read(), signal);
      if (done) break;
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
    yield* parser.push(decoder.decode());
    yield* parser.end();
  } finally {
    // Also runs when the consumer stops early: the rest of the stream is not wanted.
    reader.cancel().catch(() => undefined);
  }
}

function tooLarge(maxEventChars: number): OrchestratorError {
  return new OrchestratorError({
    code: 'EXECUTION_FAILED',
    op: 'sse.read',
    message: `A server-sent event exceeded ${maxEventChars} characters`,
    retryable: false,
  });
}
