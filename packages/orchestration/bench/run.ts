/**
 * `pnpm bench`: the graph engine against a raw-Promise baseline, a minimal executor (the floor)
 * and LangGraph.js, on the same shapes, in one process. Prints a markdown table and writes it
 * to bench/results.md. Timings are reported, never asserted.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Contender } from './contender.js';
import { floorExecutor } from './contenders/floorExecutor.js';
import { langGraph } from './contenders/langgraph.js';
import { ours } from './contenders/ours.js';
import { rawPromise } from './contenders/rawPromise.js';
import { measureShape, type Measurement } from './measure.js';
import { renderTable, renderTargets, type ReportNames } from './report.js';
import { chain, fan, randomDag, type Shape } from './shapes.js';
import { meterProviderWithoutReader, meterProviderWithReader } from './telemetry.js';
import { expectedResults } from './verify.js';

const SEED = 0xbe1a9a;
const MAX_WORKERS = 16; // the engine's default, also given to the floor's pool

const OURS = 'ours: events + SDK metrics';
const names: ReportNames = { baseline: rawPromise.name, ours: OURS };

const contenders: Contender[] = [
  rawPromise,
  floorExecutor(MAX_WORKERS),
  ours({
    name: OURS,
    events: true,
    meterProvider: meterProviderWithoutReader(),
    maxWorkers: MAX_WORKERS,
  }),
  ours({
    name: 'ours: all on (reader, per-node histogram)',
    events: true,
    meterProvider: meterProviderWithReader(),
    recordNodeDurations: true,
    maxWorkers: MAX_WORKERS,
  }),
  ours({ name: 'ours: events, no-op metrics API', events: true, maxWorkers: MAX_WORKERS }),
  ours({ name: 'ours: no listener, no-op metrics API', events: false, maxWorkers: MAX_WORKERS }),
  langGraph,
];

const shapes: Shape[] = [
  chain(1000),
  fan(1000),
  randomDag(10_000, SEED),
  fan(100_000),
  randomDag(100_000, SEED),
];

/** JIT-warms contenders on small graphs, so a first run measures the graph, not the process. */
async function warmUp(group: readonly Contender[]): Promise<void> {
  for (const shape of [chain(100), fan(100), randomDag(300, SEED)]) {
    for (const contender of group) {
      const prepared = contender.prepare(shape);
      for (let i = 0; i < (contender.slow ? 1 : 20); i++) await prepared.run();
    }
  }
}

function environment(): string {
  const langGraphVersion = (
    JSON.parse(
      readFileSync(
        new URL('../node_modules/@langchain/langgraph/package.json', import.meta.url),
        'utf8',
      ),
    ) as { version: string }
  ).version;
  const cpu = cpus();
  return (
    `Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ` +
    `@langchain/langgraph ${langGraphVersion}, maxWorkers ${MAX_WORKERS}, ` +
    `${new Date().toISOString().slice(0, 10)}`
  );
}

const METHOD = `Every node computes a small integer from its index and the sum of its inputs, synchronously,
so only orchestration is measured. Before any timing, each contender's first run is checked node
by node against a plain loop (values, number of node calls, run output; for ours also the event
count, 3 per node + 2): a mismatch stops the bench. Reproduce with \`pnpm bench\`.

- _build_: constructing the graph (LangGraph: including its explicit \`compile()\`).
- _1st run_: the first invoke. For ours it includes compiling the plan (cached afterwards) and
  V8 re-optimising the engine after the gc() before the build (see bench/measure.ts).
- _warm µs/node_: median over 5–15 samples of the per-run time, divided by the node count;
  _best_: the fastest sample; _± %_: half the samples' min–max range, in % of the median. A
  sample is a batch of back-to-back runs lasting at least 30 ms (at 100k nodes, one run) on a
  freshly built graph, after gc() and at least 100 ms of untimed runs: the first run is never in
  it and only that graph is in the heap. Fast contenders take their samples in interleaved rounds,
  so that load from other processes hits them alike; LangGraph gets one warm-up and three runs.
- Ours runs with default options except where a row says otherwise: "SDK metrics" is an SDK
  \`MeterProvider\` with no reader; "all on" adds a reader and \`recordNodeDurations\` (the
  opt-in per-node histogram); "no-op metrics API" is the default global provider.
- _× raw_: against the raw-Promise row; _× ours_: against "${OURS}", so the
  LangGraph row reads LangGraph ÷ ours.
- _peak MB_: the highest heapUsed + external, sampled every 64 node calls and at the end of a
  separate run (LangGraph: its first run), minus the value after gc() before the graph was
  built: the graph, its compiled form and the run's allocations, including garbage not yet
  collected.
- LangGraph is measured after all the others: running it enables @langchain/core's
  AsyncLocalStorage, which on Node 20 installs promise hooks that slow every later promise in
  the process (the raw-Promise chain went from 0.59 to 1.21 µs per node).`;

/**
 * Every contender on every shape, the slow ones (LangGraph) last: running LangGraph enables
 * @langchain/core's AsyncLocalStorage, and on Node 20 that installs promise hooks which slow
 * every later promise in the process (measured: the raw-Promise chain went from 0.59 to
 * 1.21 µs per node after one LangGraph invoke).
 */
async function measureAll(): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  const expected = new Map(shapes.map((shape) => [shape, expectedResults(shape)]));
  for (const group of [contenders.filter((c) => !c.slow), contenders.filter((c) => c.slow)]) {
    await warmUp(group);
    for (const shape of shapes) {
      const measured = await measureShape(group, shape, expected.get(shape)!, {
        slowBudgetMs: 10_000,
        fastBudgetMs: 8000,
      });
      for (const row of measured) {
        const summary = row.skipped ?? `${row.usPerNode?.toPrecision(3)} µs/node`;
        console.log(`${shape.name} · ${row.contender}: ${summary}`);
      }
      rows.push(...measured);
    }
  }
  const order = (row: Measurement) =>
    shapes.indexOf(row.shape) * contenders.length +
    contenders.findIndex((c) => c.name === row.contender);
  return rows.sort((a, b) => order(a) - order(b));
}

async function main(): Promise<void> {
  const rows = await measureAll();
  const table = renderTable(rows, names);
  const targets = renderTargets(rows, names);
  console.log(`\n${table}\n\n${targets}\n`);
  const markdown = `# Graph engine benchmark\n\n${environment()}\n\n${METHOD}\n\n${table}\n\n## Targets\n\n${targets}\n`;
  writeFileSync(new URL('./results.md', import.meta.url), markdown);
}

await main();
