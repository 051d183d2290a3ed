import { expect, test, type APIRequestContext } from '@playwright/test';
import { ownerWorkspaceId, storageStatePath } from './account.helpers.js';

// One trace from a click to every node: the web app's "Run" action span, its fetch to the API,
// the server's request and procedure spans, the run and each node, as a real OTLP receiver
// (started by playwright.config.ts, fed by the server and by the browser through the server's
// /v1/traces) got them. The app is the e2e server started with OTEL_* variables.

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  service: string;
  attributes: Record<string, unknown>;
}

const otlpUrl = process.env.E2E_OTLP_URL as string;
const appUrl = process.env.E2E_OTEL_APP_URL as string;
// Signed in as the owner of that server (its session cookie is not the main server's).
test.use({ storageState: storageStatePath('otel') });

function chain(name: string, ids: string[]) {
  const all = ['in', ...ids, 'out'];
  return {
    format: 'beluga.graph/v1',
    id: 'imported',
    name,
    nodes: all.map((id, i) => ({
      id,
      type: id === 'in' ? 'input' : id === 'out' ? 'output' : 'transform',
      config: id === 'in' || id === 'out' ? {} : { expression: '$' },
      position: { x: i * 260, y: 0 },
    })),
    edges: all.slice(1).map((target, i) => ({
      id: `e${i}`,
      source: all[i] as string,
      sourcePort: 'out',
      target,
    })),
  };
}

async function importGraph(request: APIRequestContext, document: unknown): Promise<string> {
  const response = await request.post(`${appUrl}/trpc/graphs.import`, {
    data: { workspaceId: ownerWorkspaceId('otel'), document },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const body = (await response.json()) as { result: { data: { graph: { id: string } } } };
  return body.result.data.graph.id;
}

async function received(request: APIRequestContext): Promise<ReceivedSpan[]> {
  return (await (await request.get(`${otlpUrl}/spans`)).json()) as ReceivedSpan[];
}

test('a click on Run is one trace — browser action → fetch → server → procedure → run → every node — at the collector, in the run panel and on the metrics page', async ({
  page,
  request,
}) => {
  const name = `traced run ${Date.now().toString(36)}`;
  const graphId = await importGraph(request, chain(name, ['t1', 't2']));
  await page.goto(`${appUrl}/#/graphs/${graphId}`);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Run' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run graph' });
  await dialog.getByRole('button', { name: 'Start run' }).click();
  // Longer than the suite's 15 s: this server records and exports every span, beside the
  // other servers on a loaded two-core machine.
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', {
    timeout: 30_000,
  });

  // The server exports within 200 ms, the browser within a second (through /v1/traces).
  let trace: ReceivedSpan[] = [];
  await expect
    .poll(
      async () => {
        const spans = await received(request);
        const run = spans.find((span) => span.name === `graph ${name}`);
        trace = spans.filter((span) => span.traceId === run?.traceId);
        const done = ['Run', 'node out', 'node t1', 'node t2', 'node in'];
        const click = trace.find((span) => span.name === 'Run');
        // The fetch span ends after the action (when its body is read): it may come later.
        const fetched = trace.some((span) => click && span.parentSpanId === click.spanId);
        return fetched && done.every((wanted) => trace.some((span) => span.name === wanted));
      },
      { timeout: 30_000 },
    )
    .toBe(true);

  const only = (predicate: (span: ReceivedSpan) => boolean, what: string) => {
    const found = trace.filter(predicate);
    expect(found, what).toHaveLength(1);
    return found[0] as ReceivedSpan;
  };
  const action = only((span) => span.name === 'Run', 'the Run action');
  expect(action).toMatchObject({ parentSpanId: '', service: 'beluga-web' });
  expect(action.attributes).toMatchObject({ 'beluga.action': 'Run', 'rpc.method': 'runs.start' });
  const fetchSpan = only(
    (span) => span.service === 'beluga-web' && span.parentSpanId === action.spanId,
    'the fetch of the Run action',
  );
  expect(String(fetchSpan.attributes['url.full'] ?? fetchSpan.attributes['http.url'])).toContain(
    '/trpc/runs.start',
  );
  const http = only((span) => span.name === 'POST /trpc', 'the server request');
  expect(http).toMatchObject({ parentSpanId: fetchSpan.spanId, service: 'beluga-server' });
  const procedure = only((span) => span.name === 'trpc runs.start', 'the procedure');
  expect(procedure.parentSpanId).toBe(http.spanId);
  const graph = only((span) => span.name === `graph ${name}`, 'the run');
  expect(graph.parentSpanId).toBe(procedure.spanId);
  for (const id of ['in', 't1', 't2', 'out'])
    expect(only((span) => span.name === `node ${id}`, id).parentSpanId).toBe(graph.spanId);

  // The same trace in the product: the run panel's waterfall, the click first, nodes deepest.
  const waterfall = page.getByTestId('trace-waterfall');
  await expect(waterfall).toHaveAttribute('data-trace-id', action.traceId);
  const row = (spanName: string) =>
    waterfall.locator(`[data-testid="trace-span"][data-name="${spanName}"]`);
  await expect(waterfall.getByTestId('trace-span').first()).toHaveAttribute('data-name', 'Run');
  await expect(row('Run')).toHaveAttribute('data-service', 'beluga-web');
  await expect(row('trpc runs.start')).toHaveAttribute('data-depth', '3');
  await expect(row(`graph ${name}`)).toHaveAttribute('data-depth', '4');
  for (const id of ['in', 't1', 't2', 'out'])
    await expect(row(`node ${id}`)).toHaveAttribute('data-depth', '5');

  // And on the metrics page (the server's /metrics, scraped by the page): the run is counted,
  // its nodes' durations have percentiles, nothing failed, nothing is still running.
  await page.getByRole('link', { name: 'Metrics' }).click();
  await expect(page.getByTestId('metric-runs-started')).toHaveAttribute('data-value', /^[1-9]/);
  await expect(page.getByTestId('metric-node-p50')).toHaveAttribute('data-value', /^\d/);
  await expect(page.getByTestId('metric-node-p95')).toHaveAttribute('data-value', /^\d/);
  await expect(page.getByTestId('metric-error-rate')).toHaveAttribute('data-value', '0');
  await expect(page.getByTestId('metric-active-runs')).toHaveAttribute('data-value', '0');
});
