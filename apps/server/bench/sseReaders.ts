import type { AppRouter } from '@beluga/api';
import type { RunEvent } from '@beluga/orchestration';
import { createTRPCClient, httpSubscriptionLink } from '@trpc/client';
import { EventSource } from 'eventsource';

/** Called with each message's events and the moment (Date.now()) the client had them parsed. */
export type OnBatch = (events: RunEvent[], receivedAt: number) => void;

export type ReaderKind = 'trpc' | 'fetch';

/**
 * The web app's way: a tRPC client with `httpSubscriptionLink` over the `eventsource` package.
 * Resolves when the server ends the stream, after the run's terminal event.
 */
export function readWithTrpc(baseUrl: string, runId: string, onBatch: OnBatch): Promise<void> {
  const client = createTRPCClient<AppRouter>({
    links: [httpSubscriptionLink({ url: `${baseUrl}/trpc`, EventSource })],
  });
  // The stream ends by itself after the terminal event (`event: return`, then onComplete).
  // Unsubscribing on the terminal event instead races that message: tRPC's client then closes
  // its stream twice and throws ERR_INVALID_STATE from the EventSource listener.
  return new Promise((resolve, reject) => {
    client.runs.events.subscribe(
      { runId },
      {
        onData: ({ data }) => onBatch(data as RunEvent[], Date.now()),
        onError: reject,
        onComplete: () => resolve(),
      },
    );
  });
}

/**
 * A minimal SSE reader over fetch: what any non-tRPC client could do with the same endpoint.
 * Reads tRPC's wire format (`id:` + `data:` messages, `event: return` at the end).
 */
export async function readWithFetch(baseUrl: string, runId: string, onBatch: OnBatch) {
  const input = encodeURIComponent(JSON.stringify({ runId }));
  const response = await fetch(`${baseUrl}/trpc/runs.events?input=${input}`, {
    headers: { accept: 'text/event-stream' },
  });
  if (!response.ok || !response.body) throw new Error(`SSE request failed: ${response.status}`);
  let pending = '';
  for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
    pending += chunk;
    let end: number;
    while ((end = pending.indexOf('\n\n')) >= 0) {
      const message = parseMessage(pending.slice(0, end));
      pending = pending.slice(end + 2);
      if (message.event === 'return') return;
      if (message.event === undefined && message.data !== undefined)
        onBatch(JSON.parse(message.data) as RunEvent[], Date.now());
    }
  }
}

function parseMessage(block: string): { event?: string; data?: string } {
  const message: { event?: string; data?: string } = {};
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    const field = line.slice(0, colon);
    const value = line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
    if (field === 'event') message.event = value;
    else if (field === 'data')
      message.data = message.data === undefined ? value : `${message.data}\n${value}`;
  }
  return message;
}

export const readers: Record<ReaderKind, typeof readWithTrpc> = {
  trpc: readWithTrpc,
  fetch: readWithFetch,
};
