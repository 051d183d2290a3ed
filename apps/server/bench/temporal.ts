/**
 * `pnpm bench` (server, second part): what a run costs on Temporal against the local executor,
 * end to end — `runs.start` through the API, events written by the graph workflow and its
 * activities (a worker in the server process, as `start.sh --temporal` runs it) into PGlite, read
 * by a real SSE client on its own thread. A real Temporal dev server (TEMPORAL_CLI_PATH). Writes
 * bench/temporal-results.md. Timings are reported, never asserted; every stream is checked.
 */
import type { GraphDocumentInput } from '@beluga/graph';
import { startTemporalDevServer } from '@beluga/testkit';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { startTestServer, TEST_WORKSPACE, type TestServer } from '../test/harness.js';
import { openBackend } from './backends.js';
import { startClients, type Clients } from './clients.js';
import { chain, chains, expectedEvents, wide } from './graphs.js';
import { alignedTable, environment } from './report.js';
import { median, percentile } from './scenarios.js';

interface Workload {
  what: string;
  graph: GraphDocumentInput;
  nodes: number;
  repeats?: number;
}

/** The workloads; `api` answers every request after 10 ms (a stand-in for a quick API). */
const workloads = (api: string): Workload[] => [
  {
    what: '100-node chain (merge, no work)',
    graph: chain('chain-100', 100, { type: 'merge', config: { mode: 'first' } }),
    nodes: 100,
  },
  {
    what: '40-node chain of 10 ms delays',
    graph: chain('chain-40x10ms', 40, { type: 'delay', config: { ms: 10 } }),
    nodes: 40,
  },
  {
    // http.request's default timeout (30 s) makes each call an activity task.
    what: '40 × 10 ms HTTP calls, activity tasks',
    graph: chain('chain-40-http', 40, { type: 'http.request', config: { url: api } }),
    nodes: 40,
  },
  {
    // A timeout of 1 s bounds the call: a local activity.
    what: '40 × 10 ms HTTP calls, timeout 1 s',
    graph: chain('chain-40-http-1s', 40, {
      type: 'http.request',
      config: { url: api, timeoutMs: 1000 },
    }),
    nodes: 40,
  },
  { what: '100-wide fan-out (merge)', graph: wide(100, 'merge'), nodes: 103 },
  // Past one workflow history's comfort: continue-as-new and the graph given by reference.
  {
    what: '5,003 nodes: 50 chains × 100 merges',
    graph: chains(50, 100),
    nodes: 5003,
    repeats: 1,
  },
];
const REPEATS = 5;

interface Measure {
  wallMs: number;
  latencies: number[];
  problem?: string;
}

async function measure(
  server: TestServer,
  clients: Clients,
  graphId: string,
  expected: number,
  executor: 'local' | 'temporal',
): Promise<Measure> {
  const start = Date.now();
  const run = await server.client.runs.start.mutate({ graphId, input: { n: 1 }, executor });
  const [stream] = await clients.consume({
    reader: 'fetch',
    baseUrl: server.url,
    runIds: [run.id],
    expected,
  });
  return {
    wallMs: (stream?.lastAt ?? NaN) - start,
    latencies: stream?.latencies ?? [],
    ...(stream?.problem ? { problem: stream.problem } : {}),
  };
}

/** A loopback HTTP API that answers `{"ok":true}` 10 ms after each request. */
async function startQuickApi(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_request, response) => {
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    }, 10);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/task`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0] ?? 0;
  // As start.sh --temporal runs it: eager activity dispatch on.
  const temporal = await startTemporalDevServer({
    dynamicConfig: ['system.enableActivityEagerExecution=true'],
  });
  const { db, close } = await openBackend('pglite');
  const clients = startClients();
  const api = await startQuickApi();
  const server = await startTestServer({
    db,
    allowPrivateNetworks: true, // the quick API is on loopback
    limits: { maxRunningPerUser: 1000 },
    temporal: { address: temporal.address, taskQueue: 'bench', worker: true },
  });
  const lines: string[][] = [];
  try {
    for (const { what, graph, nodes, repeats = REPEATS } of workloads(api.url)) {
      const { graph: saved } = await server.client.graphs.import.mutate({
        workspaceId: TEST_WORKSPACE,
        document: graph,
      });
      const expected = expectedEvents(graph);
      const results: Record<string, Measure[]> = { local: [], temporal: [] };
      // One warm-up of each (not for the biggest graph: minutes), then alternate so both see
      // the same machine.
      for (let i = repeats > 1 ? 0 : 1; i <= repeats; i++) {
        for (const executor of ['local', 'temporal'] as const) {
          const result = await measure(server, clients, saved.id, expected, executor);
          if (result.problem) throw new Error(`${what} on ${executor}: ${result.problem}`);
          if (i > 0) results[executor]!.push(result);
        }
      }
      const local = median(results.local!.map((r) => r.wallMs));
      const onTemporal = median(results.temporal!.map((r) => r.wallMs));
      const latencies = results.temporal!.flatMap((r) => r.latencies);
      const row = [
        what,
        String(nodes),
        local.toFixed(0),
        onTemporal.toFixed(0),
        ((onTemporal - local) / nodes).toFixed(1),
        `${percentile(latencies, 0.5).toFixed(0)} / ${percentile(latencies, 0.95).toFixed(0)}`,
        'ok',
      ];
      console.log(row.join(' · '));
      lines.push(row);
    }
  } finally {
    await server.stop();
    await api.close();
    await clients.close();
    await close();
    await temporal.stop();
  }
  const table = alignedTable(
    [
      'workload',
      'nodes',
      'local ms',
      'Temporal ms',
      'Temporal overhead ms/node',
      'Temporal node→client p50 / p95 ms',
      'check',
    ],
    1,
    lines,
  );
  const report = `# Runs on Temporal against the local executor

${environment(false, loadAtStart).replace(' PostgreSQL skipped: no TEST_DATABASE_URL/BENCH_DATABASE_URL.', '')}

Reproduce with \`pnpm --filter @beluga/server bench\` (TEMPORAL_CLI_PATH set, as \`scripts/bench.sh\` does).

- One server (the real API, PGlite in memory) with a Temporal worker in its process, a Temporal dev
  server (\`temporal server start-dev\`, SQLite in a temporary file, eager activity dispatch on, as
  \`start.sh --temporal\` runs it) on loopback.
- _ms_: from the \`runs.start\` call to the run's last event received by an SSE client (a fetch
  reader on its own thread), median of ${REPEATS} runs after a warm-up, local and Temporal alternating.
- _overhead/node_: (Temporal − local) ÷ nodes. Nodes bounded under 2 s (merges, delays of 10 ms,
  HTTP calls with a 1 s timeout) run as local activities: one marker event each, no task round
  trip. The other HTTP calls (default timeout 30 s) are activity tasks: a workflow task and an
  activity task each, dispatched through the dev server. Plus the events' database writes.
- _node→client_: receive time − the node.succeeded event's \`ts\` (when the node's activity
  ended), over the Temporal runs.
- _check_: every stream delivered seq 1..N exactly once, ending with run.succeeded.

${table}
`;
  writeFileSync(new URL('./temporal-results.md', import.meta.url), report);
  console.log(`\n${table}`);
}

await main();
