/**
 * `pnpm bench` (server): run events end to end — engine → batched writer → database → notify →
 * replay-then-tail stream → tRPC SSE over loopback HTTP → a real SSE client on its own thread —
 * on PGlite and on PostgreSQL, against baselines measured in this process. Prints a markdown
 * table and writes bench/results.md. Timings are reported, never asserted; every stream is
 * checked (each seq exactly once, ending with run.succeeded) and the check is in the table.
 */
import type { Database } from '@beluga/db';
import type { GraphDocumentInput } from '@beluga/graph';
import type { RunEvent } from '@beluga/orchestration';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { startTestServer, TEST_WORKSPACE, type TestServer } from '../test/harness.js';
import { appendAlone, engineAlone, rawSseServer, trpcSseServer } from './baselines.js';
import { openBackend, postgresServerUrl, type Backend } from './backends.js';
import { startClients, type Clients } from './clients.js';
import { expectedEvents, pacedChains, wide } from './graphs.js';
import {
  BASELINE,
  environment,
  METHOD,
  renderTable,
  renderTargets,
  WHERE_TIME_GOES,
} from './report.js';
import {
  baselineStream,
  concurrent,
  latency,
  median,
  sustained,
  type Row,
  type Target,
} from './scenarios.js';

const WIDE = wide(3000, 'merge');
const WIDE_JSONATA = wide(3000, 'transform');
const SMALL = wide(97, 'merge');
// 30 chains × 3 events every 87 ms (+ timer lateness): about 1,000 events/s for about 5 s.
const PACED = pacedChains({ chains: 30, steps: 55, ms: 87 });
const READERS = ['trpc', 'fetch'] as const;

async function importGraph(server: TestServer, document: GraphDocumentInput): Promise<string> {
  const { graph, validation } = await server.client.graphs.import.mutate({
    workspaceId: TEST_WORKSPACE,
    document,
  });
  if (!validation.valid)
    throw new Error(`${document.name}: ${JSON.stringify(validation.problems)}`);
  return graph.id;
}

/** Warms the path up with one run of the wide graph and returns its events for the baselines. */
async function warmUp(target: Target, graphId: string): Promise<RunEvent[]> {
  const options = { what: 'warm-up', graphId, expected: expectedEvents(WIDE), repeats: 1 };
  for (const reader of READERS) {
    const row = await sustained(target, { ...options, reader });
    if (row.check !== 'ok') throw new Error(`warm-up run: ${row.check}`);
  }
  const [run] = await target.server.client.runs.list.query({
    workspaceId: TEST_WORKSPACE,
    limit: 1,
  });
  const events: RunEvent[] = [];
  for (;;) {
    const page = await target.server.db.events.list(run!.id, {
      afterSeq: events.length,
      limit: 10_000,
    });
    if (page.length === 0) return events;
    events.push(...page);
  }
}

async function alone(
  backend: string,
  what: string,
  events: number,
  measure: () => Promise<number>,
) {
  const rates: number[] = [];
  for (let i = 0; i < 3; i++) rates.push(await measure());
  const row: Row = {
    backend,
    what,
    client: '—',
    runs: 3,
    eventsPerRun: events,
    eventsPerSecond: median(rates),
    check: 'ok',
  };
  return row;
}

async function scenarios(target: Target, db: Database, events: RunEvent[]): Promise<Row[]> {
  const { server, backend } = target;
  const [wideId, jsonataId, smallId, pacedId] = [
    await importGraph(server, WIDE),
    await importGraph(server, WIDE_JSONATA),
    await importGraph(server, SMALL),
    await importGraph(server, PACED),
  ];
  const rows: Row[] = [];
  const add = (row: Row) => {
    console.log(
      `${backend} · ${row.what} · ${row.client}: ${Math.round(row.eventsPerSecond)} events/s · ${row.check}`,
    );
    rows.push(row);
  };
  add(
    await alone(backend, `${WIDE.name}: engine alone`, events.length, () =>
      engineAlone(WIDE, { n: 1 }),
    ),
  );
  add(
    await alone(backend, 'events.append alone, pages of 500', events.length, () =>
      appendAlone(db, events),
    ),
  );
  for (const reader of READERS)
    add(
      await sustained(target, {
        what: WIDE.name,
        graphId: wideId,
        expected: expectedEvents(WIDE),
        reader,
        repeats: 3,
        ...(reader === 'trpc' ? { target: 'sustained' as const } : {}),
      }),
    );
  add(
    await alone(backend, `${WIDE_JSONATA.name}: engine alone`, expectedEvents(WIDE_JSONATA), () =>
      engineAlone(WIDE_JSONATA, { n: 1 }),
    ),
  );
  add(
    await sustained(target, {
      what: WIDE_JSONATA.name,
      graphId: jsonataId,
      expected: expectedEvents(WIDE_JSONATA),
      reader: 'trpc',
      repeats: 3,
    }),
  );
  for (const reader of READERS)
    add(
      await concurrent(target, {
        what: `100 runs at once of ${SMALL.name}`,
        graphId: smallId,
        expected: expectedEvents(SMALL),
        reader,
        count: 100,
      }),
    );
  for (const reader of READERS)
    add(
      await latency(target, {
        what: `${PACED.name}, paced`,
        graphId: pacedId,
        expected: expectedEvents(PACED),
        reader,
      }),
    );
  return rows;
}

async function benchBackend(backend: Backend, clients: Clients) {
  const { db, close } = await openBackend(backend);
  const server = await startTestServer({ db, limits: { maxRunningPerUser: 1000 } });
  const target: Target = { server, clients, backend };
  try {
    const events = await warmUp(target, await importGraph(server, WIDE));
    return { rows: await scenarios(target, db, events), events };
  } finally {
    await server.stop();
    await close();
  }
}

/** The same events without a database: hand-written SSE, then a bare tRPC subscription. */
async function baselineRows(clients: Clients, events: RunEvent[]): Promise<Row[]> {
  const rows: Row[] = [];
  const servers = [
    [BASELINE, rawSseServer],
    ['tRPC SSE subscription, no DB', trpcSseServer],
  ] as const;
  for (const [what, serve] of servers) {
    const server = await serve(events);
    try {
      for (const reader of READERS)
        rows.push(
          await baselineStream(clients, {
            what,
            url: server.url,
            events: events.length,
            reader,
            repeats: 5,
          }),
        );
    } finally {
      await server.stop();
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0] ?? 0;
  const postgres = postgresServerUrl() !== undefined;
  if (!postgres)
    console.warn(
      'PostgreSQL skipped: set TEST_DATABASE_URL or BENCH_DATABASE_URL, or run `bash scripts/bench.sh`.',
    );
  const backends: Backend[] = postgres ? ['pglite', 'postgres'] : ['pglite'];
  const clients = startClients();
  const rows: Row[] = [];
  try {
    for (const backend of backends) {
      const result = await benchBackend(backend, clients);
      if (backend === 'pglite') rows.push(...(await baselineRows(clients, result.events)));
      rows.push(...result.rows);
    }
  } finally {
    await clients.close();
  }
  const table = renderTable(rows);
  const targets = renderTargets(rows, backends);
  console.log(`\n${table}\n\n${targets}\n`);
  const markdown = `# Run events end to end\n\n${environment(postgres, loadAtStart)}\n\n${METHOD}\n\n${table}\n\n## Targets\n\n${targets}\n\n${WHERE_TIME_GOES}\n`;
  writeFileSync(new URL('./results.md', import.meta.url), markdown);
}

await main();
