import type { StreamResult } from './clientWorker.js';
import type { Clients } from './clients.js';
import type { ReaderKind } from './sseReaders.js';
import type { TestServer } from '../test/harness.js';

/** One line of the table; numbers are medians over `samples` where there are several. */
export interface Row {
  backend: string;
  what: string;
  client: string;
  runs: number;
  eventsPerRun: number;
  wallMs?: number;
  eventsPerSecond: number;
  latency?: { p50: number; p95: number; p99: number; samples: number };
  check: string;
  /** Which of the targets this row answers. */
  target?: 'sustained' | 'concurrent' | 'latency';
}

export interface Target {
  server: TestServer;
  clients: Clients;
  backend: string;
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

function checkOf(streams: readonly StreamResult[]): string {
  const bad = streams.filter((stream) => stream.problem);
  return bad.length === 0 ? 'ok' : `${bad.length} bad: ${bad[0]?.problem}`;
}

/** Starts `count` runs at once (one batched HTTP request), reads each over its own SSE stream. */
async function runAndRead(
  target: Target,
  graphId: string,
  expected: number,
  reader: ReaderKind,
  count = 1,
) {
  const { client, url } = target.server;
  const start = Date.now();
  const runs = await Promise.all(
    Array.from({ length: count }, () => client.runs.start.mutate({ graphId, input: { n: 1 } })),
  );
  const streams = await target.clients.consume({
    reader,
    baseUrl: url,
    runIds: runs.map((run) => run.id),
    expected,
  });
  const wallMs = Math.max(...streams.map((stream) => stream.lastAt)) - start;
  const events = streams.reduce((sum, stream) => sum + stream.events, 0);
  return { streams, wallMs, eventsPerSecond: (events * 1000) / wallMs };
}

export interface ScenarioOptions {
  what: string;
  target?: Row['target'];
  graphId: string;
  expected: number;
  reader: ReaderKind;
}

/** Sequential runs of one graph, one SSE client each: the median rate and wall time. */
export async function sustained(
  target: Target,
  options: ScenarioOptions & { repeats: number },
): Promise<Row> {
  const rates: number[] = [];
  const walls: number[] = [];
  const streams: StreamResult[] = [];
  for (let i = 0; i < options.repeats; i++) {
    const run = await runAndRead(target, options.graphId, options.expected, options.reader);
    rates.push(run.eventsPerSecond);
    walls.push(run.wallMs);
    streams.push(...run.streams);
  }
  return {
    backend: target.backend,
    what: options.what,
    client: options.reader,
    runs: options.repeats,
    eventsPerRun: options.expected,
    wallMs: median(walls),
    eventsPerSecond: median(rates),
    check: checkOf(streams),
    ...(options.target ? { target: options.target } : {}),
  };
}

/** `count` runs started at once, each read by its own SSE client. */
export async function concurrent(
  target: Target,
  options: ScenarioOptions & { count: number },
): Promise<Row> {
  const run = await runAndRead(
    target,
    options.graphId,
    options.expected,
    options.reader,
    options.count,
  );
  return {
    backend: target.backend,
    what: options.what,
    client: options.reader,
    runs: options.count,
    eventsPerRun: options.expected,
    wallMs: run.wallMs,
    eventsPerSecond: run.eventsPerSecond,
    check: checkOf(run.streams),
    target: 'concurrent',
  };
}

/** One paced run: the rate it reached and receive time − `ts` of its node.succeeded events. */
export async function latency(target: Target, options: ScenarioOptions): Promise<Row> {
  const run = await runAndRead(target, options.graphId, options.expected, options.reader);
  const samples = run.streams.flatMap((stream) => stream.latencies);
  return {
    backend: target.backend,
    what: options.what,
    client: options.reader,
    runs: 1,
    eventsPerRun: options.expected,
    wallMs: run.wallMs,
    eventsPerSecond: run.eventsPerSecond,
    latency: {
      p50: percentile(samples, 0.5),
      p95: percentile(samples, 0.95),
      p99: percentile(samples, 0.99),
      samples: samples.length,
    },
    check: checkOf(run.streams),
    target: 'latency',
  };
}

/** A baseline server read like the API: `repeats` streams in a row, the median rate. */
export async function baselineStream(
  clients: Clients,
  options: { what: string; url: string; events: number; reader: ReaderKind; repeats: number },
): Promise<Row> {
  const rates: number[] = [];
  const walls: number[] = [];
  const streams: StreamResult[] = [];
  for (let i = 0; i < options.repeats; i++) {
    const start = Date.now();
    const [stream] = await clients.consume({
      reader: options.reader,
      baseUrl: options.url,
      runIds: ['baseline'],
      expected: options.events,
    });
    walls.push(stream!.lastAt - start);
    rates.push((stream!.events * 1000) / (stream!.lastAt - start));
    streams.push(stream!);
  }
  return {
    backend: '—',
    what: options.what,
    client: options.reader,
    runs: options.repeats,
    eventsPerRun: options.events,
    wallMs: median(walls),
    eventsPerSecond: median(rates),
    check: checkOf(streams),
  };
}
