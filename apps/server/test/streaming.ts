import type { AppRouter } from '@beluga/api';
import type { RunEvent } from '@beluga/orchestration';
import type { TRPCClient } from '@trpc/client';
import { TEST_WORKSPACE } from './harness.js';

/** One server-sent event as the wire carries it. */
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/** A node of a test graph; positions do not matter here. */
function node(id: string, type: string, config: Record<string, unknown> = {}) {
  return { id, type, position: { x: 0, y: 0 }, config, continueOnError: false };
}

function graph(nodes: ReturnType<typeof node>[], pairs: [string, string, string?][]) {
  return {
    format: 'beluga.graph/v1',
    id: 'test',
    name: 'streaming test',
    nodes,
    edges: pairs.map(([source, target, sourcePort = 'out'], index) => ({
      id: `e${index}`,
      source,
      sourcePort,
      target,
      targetPort: 'in',
    })),
  };
}

/** input → a1 → … → aN → output: a run that waits for one decision per step, so it advances only when the test says so. */
export function approvalChain(steps: number) {
  const ids = Array.from({ length: steps }, (_, index) => `a${index + 1}`);
  const nodes = [
    node('in', 'input', { fields: [] }),
    ...ids.map((id) => node(id, 'approval', { prompt: `step ${id}` })),
    node('out', 'output'),
  ];
  const pairs: [string, string, string?][] = [['in', ids[0] as string]];
  ids.forEach((id, index) => pairs.push([id, ids[index + 1] ?? 'out', 'approved']));
  return graph(nodes, pairs);
}

/** input → t1 → … → tN → output, each transform passing its input on: 3 events per node. */
export function transformChain(length: number) {
  const ids = Array.from({ length }, (_, index) => `t${index + 1}`);
  const nodes = [
    node('in', 'input', { fields: [] }),
    ...ids.map((id) => node(id, 'transform', { expression: '$' })),
    node('out', 'output'),
  ];
  const chain = ['in', ...ids, 'out'];
  return graph(
    nodes,
    chain.slice(1).map((target, index) => [chain[index] as string, target]),
  );
}

/** Imports a document and returns the new graph's id. */
export async function importGraph(
  client: TRPCClient<AppRouter>,
  document: ReturnType<typeof graph>,
  workspaceId = TEST_WORKSPACE,
): Promise<string> {
  const { graph: saved, validation } = await client.graphs.import.mutate({
    workspaceId,
    document,
  });
  if (!validation.valid) throw new Error(`invalid test graph: ${JSON.stringify(validation)}`);
  return saved.id;
}

/** `GET /trpc/runs.events` as a browser's EventSource would ask for it. */
export function eventsUrl(base: string, input: { runId: string; lastEventId?: string }): string {
  return `${base}/trpc/runs.events?input=${encodeURIComponent(JSON.stringify(input))}`;
}

/** Parses a text/event-stream body into messages (WHATWG rules the tRPC producer needs). */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  let buffer = '';
  let message: SseMessage = { event: 'message', data: '' };
  let hasData = false;
  for await (const text of body.pipeThrough(new TextDecoderStream())) {
    buffer += text;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line === '') {
        if (hasData) yield message;
        message = { event: 'message', data: '' };
        hasData = false;
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') message.event = value;
      else if (field === 'id') message.id = value;
      else if (field === 'data') {
        message.data = hasData ? `${message.data}\n${value}` : value;
        hasData = true;
      }
    }
  }
}

/** The run-event batches of an SSE stream, with the id each came with. */
export async function* runEventBatches(
  messages: AsyncIterable<SseMessage>,
): AsyncGenerator<{ id: string | undefined; events: RunEvent[] }> {
  for await (const message of messages) {
    if (message.event === 'message') {
      yield { id: message.id, events: JSON.parse(message.data) as RunEvent[] };
    } else if (message.event === 'serialized-error') {
      throw new Error(`stream error: ${message.data}`);
    } else if (message.event === 'return') {
      return;
    }
  }
}

/** Subscribes through the tRPC client until the run's terminal event, collecting everything. */
export function collectRun(
  client: TRPCClient<AppRouter>,
  input: { runId: string; lastEventId?: string },
  onBatch: (events: RunEvent[], all: RunEvent[]) => void = () => undefined,
): Promise<RunEvent[]> {
  return new Promise((resolve, reject) => {
    const all: RunEvent[] = [];
    const subscription = client.runs.events.subscribe(input, {
      onData: ({ data }) => {
        all.push(...data);
        onBatch(data, all);
      },
      onError: (error) => {
        subscription.unsubscribe();
        reject(error);
      },
      onComplete: () => resolve(all),
    });
  });
}

export const TERMINAL = ['run.succeeded', 'run.failed', 'run.cancelled'];

/** 1..n, for comparing a stream's sequence numbers with "each exactly once, in order". */
export function oneTo(n: number): number[] {
  return Array.from({ length: n }, (_, index) => index + 1);
}

export interface RawSubscriptionOptions {
  runId: string;
  /** The subscriber's session cookie. */
  cookie: string;
  /** Sent as the `Last-Event-ID` header, as EventSource does when it reconnects. */
  lastEventIdHeader?: string;
  /** Sent as `input.lastEventId`, as the tRPC client does when it reconnects by itself. */
  lastEventIdInput?: string;
}

/**
 * A run's event stream read with fetch and a stream reader, at the HTTP level: every message as
 * it came (connected, batches with ids, return), and a way to drop the connection mid-stream.
 */
export class RawSubscription {
  readonly messages: SseMessage[] = [];
  readonly events: RunEvent[] = [];
  lastId: string | undefined;
  ended = false;
  private readonly iterator: AsyncIterator<SseMessage>;

  private constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {
    this.iterator = readSse(response.body as ReadableStream<Uint8Array>)[Symbol.asyncIterator]();
  }

  static async open(base: string, options: RawSubscriptionOptions): Promise<RawSubscription> {
    const controller = new AbortController();
    const input = {
      runId: options.runId,
      ...(options.lastEventIdInput ? { lastEventId: options.lastEventIdInput } : {}),
    };
    const response = await fetch(eventsUrl(base, input), {
      headers: {
        accept: 'text/event-stream',
        cookie: options.cookie,
        ...(options.lastEventIdHeader ? { 'last-event-id': options.lastEventIdHeader } : {}),
      },
      signal: controller.signal,
    });
    return new RawSubscription(response, controller);
  }

  /** Reads one message; false once the stream has ended. */
  async next(): Promise<boolean> {
    const result = await this.iterator.next();
    if (result.done) {
      this.ended = true;
      return false;
    }
    const message = result.value;
    this.messages.push(message);
    if (message.event === 'return') this.ended = true;
    if (message.event === 'message') {
      this.events.push(...(JSON.parse(message.data) as RunEvent[]));
      this.lastId = message.id;
    }
    return !this.ended;
  }

  /** Reads until the events received so far satisfy `done`. */
  async until(done: (events: RunEvent[]) => boolean): Promise<void> {
    while (!done(this.events)) {
      if (!(await this.next())) throw new Error(`stream ended early: ${this.describe()}`);
    }
  }

  /** Reads until the server ends the stream (its `return` message, or the body's end). */
  async toEnd(): Promise<void> {
    while (await this.next());
  }

  /** Drops the connection, as a network failure would. */
  drop(): void {
    this.controller.abort();
  }

  /** The batches: their ids and the sequence numbers they carried. */
  batches(): { id: string | undefined; seqs: number[] }[] {
    return this.messages
      .filter((message) => message.event === 'message')
      .map((message) => ({
        id: message.id,
        seqs: (JSON.parse(message.data) as RunEvent[]).map((event) => event.seq),
      }));
  }

  private describe(): string {
    return this.messages
      .map((message) => `${message.event}:${message.data.slice(0, 200)}`)
      .join(' | ');
  }
}

/** True once a `node.waiting` event of `nodeId` is among `events`. */
export const waitingAt =
  (nodeId: string) =>
  (events: RunEvent[]): boolean =>
    events.some((event) => event.type === 'node.waiting' && event.nodeId === nodeId);

/** True once the run's terminal event is among `events`. */
export const finished = (events: RunEvent[]): boolean =>
  events.some((event) => TERMINAL.includes(event.type));
