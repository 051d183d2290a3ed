/**
 * The SSE clients, on their own thread: a browser would parse events in another process, so the
 * clients must not take the server's event loop. Same process, so `Date.now()` is one clock for
 * the engine's event `ts` and the client's receive time.
 */
import type { RunEvent } from '@beluga/orchestration';
import { parentPort } from 'node:worker_threads';
import { readers, type ReaderKind } from './sseReaders.js';

export interface ConsumeRequest {
  id: number;
  reader: ReaderKind;
  baseUrl: string;
  runIds: string[];
  /** Events each run must deliver: seq 1..expected, each exactly once, the last terminal. */
  expected: number;
}

export interface StreamResult {
  runId: string;
  events: number;
  messages: number;
  lastAt: number;
  /**
   * Receive time − event `ts` of every node.succeeded emitted after the first message arrived
   * (earlier ones waited for the connection, not for the pipeline), in ms.
   */
  latencies: number[];
  problem?: string;
}

export interface ConsumeResponse {
  id: number;
  streams: StreamResult[];
}

async function consume(request: ConsumeRequest, runId: string): Promise<StreamResult> {
  const seen = new Uint8Array(request.expected + 1);
  const result: StreamResult = { runId, events: 0, messages: 0, lastAt: 0, latencies: [] };
  let last: RunEvent | undefined;
  let firstAt: number | undefined;
  const problems: string[] = [];
  try {
    await readers[request.reader](request.baseUrl, runId, (events, receivedAt) => {
      firstAt ??= receivedAt;
      result.messages++;
      result.events += events.length;
      result.lastAt = receivedAt;
      for (const event of events) {
        if (event.seq < 1 || event.seq > request.expected) problems.push(`seq ${event.seq}`);
        else if (seen[event.seq] === 1) problems.push(`seq ${event.seq} twice`);
        else seen[event.seq] = 1;
        if (event.type === 'node.succeeded' && event.ts >= firstAt)
          result.latencies.push(receivedAt - event.ts);
        last = event;
      }
    });
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  if (result.events !== request.expected)
    problems.push(`${result.events} of ${request.expected} events`);
  if (last?.type !== 'run.succeeded') problems.push(`ended with ${last?.type ?? 'nothing'}`);
  if (problems.length > 0) result.problem = problems.slice(0, 3).join('; ');
  return result;
}

parentPort?.on('message', (request: ConsumeRequest) => {
  void Promise.all(request.runIds.map((runId) => consume(request, runId))).then((streams) =>
    parentPort?.postMessage({ id: request.id, streams } satisfies ConsumeResponse),
  );
});
