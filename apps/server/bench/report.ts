import { cpus, loadavg } from 'node:os';
import type { Backend } from './backends.js';
import type { Row } from './scenarios.js';

/** The baseline every rate is divided by: the same events as hand-written SSE, no database. */
export const BASELINE = 'raw SSE over express, no DB';

const HEADER = [
  'backend',
  'what',
  'client',
  'runs',
  'events/run',
  'wall ms',
  'events/s',
  '× raw SSE',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'check',
];

function baselineFor(rows: readonly Row[], row: Row): Row | undefined {
  const client = row.client === '—' ? 'fetch' : row.client;
  return rows.find((other) => other.what === BASELINE && other.client === client);
}

/** The results, one row per measurement; `× raw SSE` against the raw SSE row of the same client. */
export function renderTable(rows: readonly Row[]): string {
  const cells = rows.map((row) => {
    const baseline = baselineFor(rows, row);
    return [
      row.backend,
      row.what,
      row.client,
      String(row.runs),
      row.eventsPerRun.toLocaleString('en'),
      row.wallMs === undefined ? '' : row.wallMs.toFixed(0),
      Math.round(row.eventsPerSecond).toLocaleString('en'),
      baseline ? (row.eventsPerSecond / baseline.eventsPerSecond).toFixed(3) : '',
      row.latency ? row.latency.p50.toFixed(0) : '',
      row.latency ? row.latency.p95.toFixed(0) : '',
      row.latency ? row.latency.p99.toFixed(0) : '',
      row.check,
    ];
  });
  return alignedTable(HEADER, 3, cells);
}

/**
 * A markdown table padded the way Prettier formats one, so that the committed results.md passes
 * `prettier --check` as written. Columns from `firstRight` on are right-aligned (numbers).
 */
export function alignedTable(header: string[], firstRight: number, rows: string[][]): string {
  const width = (text: string) => [...text].length;
  const widths = header.map((title, c) =>
    Math.max(3, width(title), ...rows.map((row) => width(row[c]!))),
  );
  const pad = (text: string, c: number) => {
    const fill = ' '.repeat(widths[c]! - width(text));
    return c >= firstRight && c < header.length - 1 ? fill + text : text + fill;
  };
  const line = (row: string[]) => `| ${row.map(pad).join(' | ')} |`;
  const rule = widths.map((w, c) =>
    c >= firstRight && c < header.length - 1 ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w),
  );
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}

const verdict = (met: boolean) => (met ? '**met**' : '**missed**');

/** The targets against the tRPC-client rows (the web app's way): printed, never asserted. */
export function renderTargets(rows: readonly Row[], backends: readonly Backend[]): string {
  const lines: string[] = [];
  for (const backend of backends) {
    const mine = rows.filter((row) => row.backend === backend && row.client === 'trpc');
    const wide = mine.find((row) => row.target === 'sustained');
    const many = mine.find((row) => row.target === 'concurrent');
    const paced = mine.find((row) => row.target === 'latency');
    if (wide)
      lines.push(
        `- ${backend}, sustained (one run of ${wide.eventsPerRun.toLocaleString('en')} events): ${rate(wide)} — target ≥ 20,000: ${verdict(wide.eventsPerSecond >= 20_000)}`,
      );
    if (many)
      lines.push(
        `- ${backend}, 100 concurrent runs × 100 nodes: ${rate(many)} in ${many.wallMs?.toFixed(0)} ms — target ≥ 20,000: ${verdict(many.eventsPerSecond >= 20_000)}`,
      );
    if (paced?.latency)
      lines.push(
        `- ${backend}, latency at ${rate(paced)}: p50 ${paced.latency.p50} ms, p95 ${paced.latency.p95} ms, p99 ${paced.latency.p99} ms over ${paced.latency.samples} node completions — target p95 < 50 ms: ${verdict(paced.latency.p95 < 50)}`,
      );
  }
  return lines.join('\n');
}

const rate = (row: Row) => `${Math.round(row.eventsPerSecond).toLocaleString('en')} events/s`;

/** The load average is printed because a busy machine (other builds, tests) skews every row. */
export function environment(postgres: boolean, loadAtStart: number): string {
  const cpu = cpus();
  const load = `load average ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end`;
  const date = new Date().toISOString().slice(0, 10);
  const skipped = postgres ? '' : ' PostgreSQL skipped: no TEST_DATABASE_URL/BENCH_DATABASE_URL.';
  return `Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${date}, ${load}.${skipped}`;
}

export const METHOD = `Reproduce with \`bash scripts/bench.sh\` (starts PostgreSQL, then \`pnpm bench\`) or
\`pnpm --filter @beluga/server bench\` with TEST_DATABASE_URL set.

- The server is the real express app with the real API (\`startTestServer\` from test/harness.ts) on
  PGlite (\`memory://\`) or on a fresh PostgreSQL database, in this process. The SSE clients run on
  a worker thread of the same process — their JSON parsing does not take the server's event loop,
  as a browser's would not — and use the same clock (\`Date.now()\`) as the engine's event \`ts\`.
- _client_: \`trpc\` is the web app's way, \`httpSubscriptionLink\` over the \`eventsource\`
  package; \`fetch\` is a 40-line SSE reader over fetch (bench/sseReaders.ts).
- _events/s_: events received ÷ (last event received − the \`runs.start\` call), median over
  _runs_ sequential runs; for "100 runs at once", all events of all runs ÷ (last event of any
  run − the start of the batched \`runs.start\` request). _× raw SSE_: against the raw SSE row
  read by the same client (rows without a client: the \`fetch\` one).
- _check_: every stream got each seq 1..N exactly once and ended with run.succeeded.
- Latency: a chain of \`delay\` nodes (2 ms each) makes node completions at a steady pace;
  _p50/p95/p99_ are client receive time − the node.succeeded event's \`ts\` (stamped by the
  engine when the node finished), over the events emitted after the stream's first message.
- Baselines: the events of one real run of the wide graph, served without a database as
  hand-written SSE (JSON.stringify per 500-event message) and as a bare tRPC subscription;
  \`events.append\` of those events alone; the engine alone with an event listener.`;

/** What `node --cpu-prof` showed on 2026-11-24 (wide graph, tRPC client); rerun it after changes. */
export const WHERE_TIME_GOES = `## Where the time goes (cpu profile of the server thread)

- PGlite runs on a thread of its own (packages/db, PgliteThread): its WebAssembly no longer
  holds the server's event loop, so the database works on one core while the server streams on
  the other. With 100 runs at once its thread is the busy one (each run's events stored with its
  final status in one statement, then read back by a subscriber that came after the run ended);
  the SSE clients' thread of this bench competes with it for the two cores.
- PostgreSQL: the server thread is ~40 % idle; the time is PostgreSQL on the other core: each
  batch is inserted as jsonb (one flush at a time per run), then read back by the stream and
  parsed again. The writer and the stream are serial per run, so one run cannot go faster than
  insert + notify + read per 500 events.
- Both: tRPC's SSE producer carries ~0.4 × raw SSE on the same events (per-message async
  iterator and stream plumbing); with 500-event messages it is not the limit.
- \`transform\` nodes cost far more than the pipeline: JSONata parses the expression on every
  evaluation (\`evaluateExpression\` in packages/nodes), 30 % of the thread and much of the GC.
- The machine is shared: with other builds and tests running (see the load average above) the
  same row varies by 2× between runs, and the latency tail most of all.`;
