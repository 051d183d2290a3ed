import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseParser, readSse, type SseEvent } from './sse.js';

function parseAll(chunks: string[]): SseEvent[] {
  const parser = createSseParser();
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
}

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

const SAMPLE =
  '\uFEFF: comment\r\ndata: {"a":1}\r\n\r\nevent: ping\nid: 7\ndata:first\ndata: second\n\nretry: 10\rdata: x\r\rdata: l1\r\ndata: l2\r\n\r\ndata: [DONE]\n\n';
const EXPECTED: SseEvent[] = [
  { event: 'message', data: '{"a":1}' },
  { event: 'ping', data: 'first\nsecond', id: '7' },
  { event: 'message', data: 'x', id: '7' },
  { event: 'message', data: 'l1\nl2', id: '7' },
  { event: 'message', data: '[DONE]', id: '7' },
];

describe('createSseParser', () => {
  it('parses CRLF, LF and CR line ends, comments, fields and multi-line data', () => {
    expect(parseAll([SAMPLE])).toEqual(EXPECTED);
  });

  it('gives the same events however the stream is cut into chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(SAMPLE.length), { maxLength: 12 }), (cuts) => {
        const points = [0, ...[...cuts].sort((a, b) => a - b), SAMPLE.length];
        const chunks = points.slice(1).map((end, i) => SAMPLE.slice(points[i], end));
        expect(parseAll(chunks)).toEqual(EXPECTED);
      }),
    );
  });

  it('delivers a last event that lacks its blank line, and skips events without data', () => {
    expect(parseAll(['event: only-a-type\n\n', 'data: tail'])).toEqual([
      { event: 'message', data: 'tail' },
    ]);
  });

  it('refuses an event larger than its bound', () => {
    const parser = createSseParser(10);
    expect(() => parser.push('data: 0123456789abc')).toThrow(/exceeded 10 characters/);
  });
});

describe('readSse', () => {
  it('decodes a byte stream, including characters split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: héllo\n\n');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 8)); // cuts "é" in half
        controller.enqueue(bytes.subarray(8));
        controller.close();
      },
    });
    const events: SseEvent[] = [];
    for await (const event of readSse(stream)) events.push(event);
    expect(events).toEqual([{ event: 'message', data: 'héllo' }]);
  });

  it('stops a read that waits forever when the signal aborts', async () => {
    const controller = new AbortController();
    const stalled = new ReadableStream<Uint8Array>({ start: () => undefined });
    const reading = (async () => {
      for await (const _event of readSse(stalled, controller.signal)) break;
    })();
    controller.abort(new Error('stop'));
    await expect(reading).rejects.toThrow('stop');
  });

  it('reads every event of a finished stream', async () => {
    const events: SseEvent[] = [];
    for await (const event of readSse(streamOf([SAMPLE]))) events.push(event);
    expect(events).toEqual(EXPECTED);
  });
});
