/**
 * The editor's performance in real Chromium, on the production build: how long a 2,003-node
 * graph takes to open, frame times while panning, zooming and dragging a node, and frame times
 * while a run of the same graph streams about 1,000 node events per second onto the canvas.
 * Prints a markdown table and writes bench/results.md. Timings are reported, never asserted.
 */
import {
  expect,
  test,
  type APIRequestContext,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { installFrameRecorder, median } from './frames.js';
import { chainsGraph, expectedEvents } from './graphs.js';
import { environment, load1, renderTable, type Row } from './report.js';
import { dragNode, openGraph, pan, watchRun, zoom, zoomTo } from './scenarios.js';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
// 40 chains × 50 delays of 120 ms: 2,003 nodes; a run emits 3 × 40 events every ~120 ms
// (≈ 1,000 events/s) for about 6 s.
const CHAINS = { chains: 40, steps: 50, ms: 120 };
const NAME = 'Bench: 2,003 nodes';
const FRAME_TARGET = { metric: 'p95', atMost: 20, label: 'p95 ≤ 20 ms' } as const;
const RESULTS = new URL('./results.md', import.meta.url);

async function importGraph(request: APIRequestContext): Promise<string> {
  const document = chainsGraph(NAME, CHAINS);
  const response = await request.post('/trpc/graphs.import', { data: { document } });
  expect(response.ok(), await response.text()).toBe(true);
  const body = (await response.json()) as { result: { data: { graph: { id: string } } } };
  return body.result.data.graph.id;
}

async function runRate(request: APIRequestContext, runId: string): Promise<number> {
  const input = encodeURIComponent(JSON.stringify({ runId }));
  const response = await request.get(`/trpc/runs.get?input=${input}`);
  const body = (await response.json()) as {
    result: { data: { run: { createdAt: string; finishedAt: string } } };
  };
  const { createdAt, finishedAt } = body.result.data.run;
  return expectedEvents(CHAINS) / ((Date.parse(finishedAt) - Date.parse(createdAt)) / 1000);
}

/** A fresh page with the graph open (every repeat starts from a new document). */
async function withGraph<T>(
  context: BrowserContext,
  graphId: string,
  use: (page: Page, openMs: number) => Promise<T>,
): Promise<T> {
  const page = await context.newPage();
  try {
    return await use(page, await openGraph(page, graphId, NAME));
  } finally {
    await page.close();
  }
}

async function repeat<T>(times: number, measure: () => Promise<T>) {
  const before = load1();
  const results: T[] = [];
  for (let i = 0; i < times; i++) results.push(await measure());
  return { results, load: [before, load1()] as [number, number] };
}

test('editor performance on a 2,003-node graph', async ({ context, request, browser }) => {
  const loads: [number, number] = [load1(), 0];
  await installFrameRecorder(context);
  const graphId = await importGraph(request);
  await withGraph(context, graphId, () => Promise.resolve()); // warm-up: caches, JIT, server

  const open = await repeat(REPEATS, () =>
    withGraph(context, graphId, (_, ms) => Promise.resolve(ms)),
  );
  const rows: Row[] = [
    {
      what: 'open: navigation → nodes shown',
      repeats: open.results,
      load: open.load,
      target: { metric: 'ms', atMost: 2000, label: '< 2,000 ms' },
    },
  ];

  const gestures = await repeat(REPEATS, () =>
    withGraph(context, graphId, async (page) => {
      const panFit = await pan(page, 300);
      const zoomed = await zoom(page, 4);
      await zoomTo(page, 1);
      const panNear = await pan(page, 500);
      const drag = await dragNode(page, 150);
      return { panFit, zoomed, panNear, drag };
    }),
  );
  const gesture = (what: string, pick: (r: (typeof gestures.results)[number]) => number[]) =>
    rows.push({
      what,
      repeats: gestures.results.map(pick),
      load: gestures.load,
      target: FRAME_TARGET,
    });
  gesture('pan, whole graph in view', (r) => r.panFit);
  gesture('wheel zoom ×16 in and out', (r) => r.zoomed);
  gesture('pan at 100 %', (r) => r.panNear);
  gesture('drag a node at 100 %', (r) => r.drag);

  const live = await repeat(REPEATS, () =>
    withGraph(context, graphId, async (page) => {
      const { frames, runId } = await watchRun(page);
      return { frames, rate: await runRate(request, runId) };
    }),
  );
  rows.push({
    what: 'live run, whole graph in view',
    repeats: live.results.map((r) => r.frames),
    load: live.load,
    target: FRAME_TARGET,
    note: `${Math.round(median(live.results.map((r) => r.rate)))} events/s`,
  });

  loads[1] = load1();
  const report = render(rows, environment(browser.version(), loads));
  console.log(`\n${report}`);
  writeFileSync(RESULTS, report);
});

function render(rows: Row[], env: string): string {
  return `# The editor in Chromium

${env}

Reproduce with \`pnpm build && pnpm --filter @beluga/e2e bench\` (or \`pnpm bench\`).

${renderTable(rows)}
`;
}
