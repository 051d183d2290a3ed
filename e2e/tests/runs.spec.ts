import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ownerWorkspaceId } from './account.helpers.js';

// Graphs are imported through the API (tRPC over HTTP: a non-batched mutation is a POST of the
// input as JSON, answered with { result: { data } }) and use only nodes that need no network.

interface NodeSpec {
  id: string;
  type: string;
  config?: Record<string, unknown>;
  label?: string;
}

function graph(name: string, nodes: NodeSpec[], edges: [string, string, string?][]) {
  return {
    format: 'beluga.graph/v1',
    id: 'imported',
    name,
    nodes: nodes.map((node, i) => ({
      config: {},
      ...node,
      position: { x: i * 260, y: (i % 2) * 90 },
    })),
    edges: edges.map(([source, target, sourcePort = 'out']) => ({
      id: `${source}.${sourcePort}-${target}`,
      source,
      sourcePort,
      target,
    })),
  };
}

async function importGraph(request: APIRequestContext, document: unknown): Promise<string> {
  const response = await request.post('/trpc/graphs.import', {
    data: { workspaceId: ownerWorkspaceId(), document },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const body = (await response.json()) as { result: { data: { graph: { id: string } } } };
  return body.result.data.graph.id;
}

async function openGraph(page: Page, graphId: string): Promise<void> {
  await page.goto(`/#/graphs/${graphId}`);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Run' }).click();
}

/** Opens the run dialog, fills nothing, starts. */
async function startRun(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run graph' });
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await expect(dialog).toBeHidden();
}

const canvasState = (page: Page, nodeId: string) =>
  page.locator(`.react-flow__node[data-id="${nodeId}"] [data-testid="run-state"]`);
const timelineRow = (page: Page, nodeId: string) =>
  page.locator(`[data-testid="timeline-row"][data-node-id="${nodeId}"]`);
const runStatus = (page: Page) => page.getByTestId('run-status');

function approvalGraph(name: string) {
  return graph(
    name,
    [
      { id: 'in', type: 'input' },
      { id: 'review', type: 'approval', label: 'Review', config: { prompt: 'Ship it?' } },
      {
        id: 'ship',
        type: 'transform',
        config: { expression: '{"shipped": true, "note": comment}' },
      },
      { id: 'drop', type: 'transform', config: { expression: '{"shipped": false}' } },
      { id: 'done', type: 'merge', config: { mode: 'first' } },
      { id: 'out', type: 'output' },
    ],
    [
      ['in', 'review'],
      ['review', 'ship', 'approved'],
      ['review', 'drop', 'rejected'],
      ['ship', 'done'],
      ['drop', 'done'],
      ['done', 'out'],
    ],
  );
}

test('the run dialog builds its form from the input fields and refuses a missing required one', async ({
  page,
}) => {
  const graphId = await importGraph(
    page.request,
    graph(
      'Form',
      [
        {
          id: 'in',
          type: 'input',
          config: {
            fields: [
              { name: 'topic', type: 'string', required: true, description: 'What to write about' },
              { name: 'count', type: 'number', default: 2 },
              { name: 'tags', type: 'array' },
            ],
          },
        },
        { id: 'shape', type: 'transform', config: { expression: '{"t": topic, "n": count * 10}' } },
        { id: 'out', type: 'output' },
      ],
      [
        ['in', 'shape'],
        ['shape', 'out'],
      ],
    ),
  );
  await openGraph(page, graphId);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run graph' });
  await expect(
    dialog.getByText('Runs execute the saved version of the graph (version 1).'),
  ).toBeVisible();
  const topic = dialog.getByRole('textbox', { name: /topic/ });
  await expect(topic).toHaveAttribute('aria-required', 'true');
  await expect(dialog.getByText('What to write about')).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: /count/ })).toHaveValue('2');

  await dialog.getByRole('button', { name: 'Start run' }).click();
  await expect(topic).toHaveAttribute('aria-invalid', 'true');
  await expect(topic).toHaveAccessibleDescription('What to write about Required');
  await expect(topic).toBeFocused();

  await dialog.getByRole('textbox', { name: /tags/ }).fill('{"not": "an array"}');
  await topic.fill('whales');
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await expect(dialog.getByText('Must be a JSON array')).toBeVisible();
  await dialog.getByRole('textbox', { name: /tags/ }).fill('["sea"]');

  // No Temporal on this server: no executor choice, the run goes to the local executor.
  await expect(dialog.getByRole('group', { name: 'Executor' })).toHaveCount(0);
  await expect(dialog.getByRole('radio', { name: /Temporal/ })).toHaveCount(0);

  await dialog.getByRole('button', { name: 'Start run' }).click();
  await expect(dialog).toBeHidden();
  await expect(runStatus(page)).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByRole('region', { name: 'Run output' })).toContainText('"t": "whales"');
  await expect(page.getByRole('region', { name: 'Run output' })).toContainText('"n": 20');
});

test('a run paints its states on the canvas and in the timeline, the branch not taken skipped', async ({
  page,
}) => {
  const graphId = await importGraph(
    page.request,
    graph(
      'Branching',
      [
        { id: 'in', type: 'input' },
        { id: 'check', type: 'branch', config: { condition: 'value > 10' } },
        { id: 'big', type: 'transform', config: { expression: '"big"' } },
        { id: 'small', type: 'transform', config: { expression: '"small"' } },
        { id: 'join', type: 'merge', config: { mode: 'first' } },
        { id: 'out', type: 'output' },
      ],
      [
        ['in', 'check'],
        ['check', 'big', 'true'],
        ['check', 'small', 'false'],
        ['big', 'join'],
        ['small', 'join'],
        ['join', 'out'],
      ],
    ),
  );
  await openGraph(page, graphId);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run graph' });
  await dialog.getByLabel('Input (JSON)').fill('{"value": 42}');
  await dialog.getByRole('button', { name: 'Start run' }).click();

  await expect(runStatus(page)).toHaveAttribute('data-status', 'succeeded');
  for (const id of ['in', 'check', 'big', 'join', 'out']) {
    await expect(canvasState(page, id)).toHaveAttribute('data-status', 'succeeded');
    await expect(timelineRow(page, id)).toHaveAttribute('data-status', 'succeeded');
  }
  await expect(canvasState(page, 'small')).toHaveAttribute('data-status', 'skipped');
  await expect(
    page.locator('.react-flow__node[data-id="small"] [data-testid="graph-node"]'),
  ).toHaveCSS('opacity', '0.5');
  await expect(timelineRow(page, 'small')).toHaveAttribute('data-status', 'skipped');
  await expect(timelineRow(page, 'big').getByTestId('timeline-bar')).toHaveAttribute(
    'data-outcome',
    'succeeded',
  );
  await timelineRow(page, 'big').click();
  const details = page.getByTestId('node-run-details');
  await expect(details.getByRole('region', { name: 'Input' })).toContainText('"value": 42');
  await expect(details.getByRole('region', { name: 'Output' })).toContainText('"big"');
});

test('an approval waits, is approved with a comment in the panel, and the run takes the approved path', async ({
  page,
}) => {
  const graphId = await importGraph(page.request, approvalGraph('Approval'));
  await openGraph(page, graphId);
  await startRun(page);
  const card = page.getByRole('group', { name: 'Approval: Review' });
  await expect(card).toContainText('Ship it?');
  await expect(canvasState(page, 'review')).toHaveAttribute('data-status', 'waiting');
  await expect(timelineRow(page, 'review').getByTestId('timeline-waiting')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('approval-waiting.png') });
  await card.getByLabel('Comment (optional)').fill('looks good');
  await card.getByRole('button', { name: 'Approve' }).click();

  await expect(runStatus(page)).toHaveAttribute('data-status', 'succeeded');
  await expect(card).toBeHidden();
  await expect(canvasState(page, 'ship')).toHaveAttribute('data-status', 'succeeded');
  await expect(canvasState(page, 'drop')).toHaveAttribute('data-status', 'skipped');
  await expect(page.getByRole('region', { name: 'Run output' })).toContainText('looks good');
});

test('a run with a long delay is cancelled', async ({ page }) => {
  const graphId = await importGraph(
    page.request,
    graph(
      'Slow',
      [
        { id: 'in', type: 'input' },
        { id: 'wait', type: 'delay', config: { ms: 600_000 } },
        { id: 'out', type: 'output' },
      ],
      [
        ['in', 'wait'],
        ['wait', 'out'],
      ],
    ),
  );
  await openGraph(page, graphId);
  await startRun(page);
  await expect(canvasState(page, 'wait')).toHaveAttribute('data-status', 'running');
  await expect(runStatus(page)).toHaveAttribute('data-status', 'running');
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(runStatus(page)).toHaveAttribute('data-status', 'cancelled');
  await expect(canvasState(page, 'wait')).toHaveAttribute('data-status', 'cancelled');
  await expect(canvasState(page, 'out')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByRole('button', { name: 'Cancel run' })).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('run-cancelled.png') });
});

test('a failing code node shows its error and its logs in the details', async ({ page }) => {
  const graphId = await importGraph(
    page.request,
    graph(
      'Failing',
      [
        { id: 'in', type: 'input' },
        {
          id: 'boom',
          type: 'code',
          label: 'Boom',
          config: {
            source: "console.log('about to fail');\nthrow new Error('kaboom: ' + input.x);",
          },
        },
        { id: 'out', type: 'output' },
      ],
      [
        ['in', 'boom'],
        ['boom', 'out'],
      ],
    ),
  );
  await openGraph(page, graphId);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run graph' });
  await dialog.getByLabel('Input (JSON)').fill('{"x": 7}');
  await dialog.getByRole('button', { name: 'Start run' }).click();

  await expect(runStatus(page)).toHaveAttribute('data-status', 'failed');
  await expect(canvasState(page, 'boom')).toHaveAttribute('data-status', 'failed');
  await expect(timelineRow(page, 'boom')).toHaveAttribute('data-status', 'failed');
  await timelineRow(page, 'boom').click();
  const details = page.getByTestId('node-run-details');
  await expect(details.getByTestId('node-run-error')).toContainText('kaboom: 7');
  await expect(details.getByTestId('node-run-logs')).toContainText('about to fail');
  await expect(details.getByTestId('node-run-attempts')).toContainText('Attempt 1: failed');
  await expect(page.getByTestId('run-error')).toContainText('kaboom: 7');
  await page.screenshot({ path: test.info().outputPath('node-failed.png') });
});

test('after the network drops while an approval waits, the view resumes with every state', async ({
  page,
  context,
}) => {
  const graphId = await importGraph(page.request, approvalGraph('Reconnect'));
  await openGraph(page, graphId);
  await startRun(page);
  const card = page.getByRole('group', { name: 'Approval: Review' });
  await expect(card).toBeVisible();
  await expect(page.getByTestId('run-connection').first()).toHaveAttribute('data-state', 'live');

  await context.setOffline(true);
  await expect(page.getByTestId('run-connection').first()).toHaveAttribute(
    'data-state',
    /reconnecting|error/,
  );
  // The decision and everything after it happen while the browser is offline.
  const shown = await page.getByTestId('run-panel').getAttribute('data-run-id');
  const response = await page.request.post('/trpc/runs.approve', {
    data: { runId: shown, nodeId: 'review', comment: 'approved offline' },
  });
  expect(response.ok(), await response.text()).toBe(true);
  await page.waitForTimeout(500);
  await expect(runStatus(page)).toHaveAttribute('data-status', 'running');

  // The first attempt to reconnect fails too; the link tries again by itself.
  let attempts = 0;
  await page.route('**/trpc/runs.events**', async (route) => {
    attempts += 1;
    if (attempts === 1) await route.abort('connectionreset');
    else await route.continue();
  });
  await context.setOffline(false);
  await expect(runStatus(page)).toHaveAttribute('data-status', 'succeeded');
  expect(attempts).toBeGreaterThanOrEqual(2);
  for (const id of ['in', 'review', 'ship', 'done', 'out'])
    await expect(canvasState(page, id)).toHaveAttribute('data-status', 'succeeded');
  await expect(canvasState(page, 'drop')).toHaveAttribute('data-status', 'skipped');
  await expect(card).toBeHidden();
  await expect(page.getByRole('region', { name: 'Run output' })).toContainText('approved offline');
});

test('a past run reopens read-only from the history with its states', async ({ page }) => {
  const graphId = await importGraph(
    page.request,
    graph(
      'History',
      [
        { id: 'in', type: 'input' },
        { id: 'double', type: 'transform', config: { expression: '$ * 2' } },
        { id: 'out', type: 'output' },
      ],
      [
        ['in', 'double'],
        ['double', 'out'],
      ],
    ),
  );
  await openGraph(page, graphId);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run graph' });
  await dialog.getByLabel('Input (JSON)').fill('21');
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await expect(runStatus(page)).toHaveAttribute('data-status', 'succeeded');
  const runId = await page.getByTestId('run-panel').getAttribute('data-run-id');

  // A fresh page: nothing shown until the run is chosen from the history.
  await page.goto('about:blank');
  await openGraph(page, graphId);
  await expect(canvasState(page, 'double')).toHaveCount(0);
  await page.getByRole('button', { name: 'Run history' }).click();
  await page.locator(`[data-testid="run-history-item"][data-run-id="${runId}"]`).click();
  await expect(page).toHaveURL(new RegExp(`#/graphs/${graphId}/runs/${runId}$`));
  await expect(page.getByTestId('run-readonly')).toBeVisible();
  await expect(runStatus(page)).toHaveAttribute('data-status', 'succeeded');
  await expect(canvasState(page, 'double')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('run-connection')).toHaveCount(0);
  await timelineRow(page, 'double').click();
  await expect(
    page.getByTestId('node-run-details').getByRole('region', { name: 'Output' }),
  ).toContainText('42');

  // The address alone reopens it, and leaving it returns to editing.
  await page.reload();
  await page.getByRole('tab', { name: 'Run' }).click();
  await expect(runStatus(page)).toHaveAttribute('data-status', 'succeeded');
  await expect(canvasState(page, 'double')).toHaveAttribute('data-status', 'succeeded');
  await page.getByRole('button', { name: 'Back to editing' }).click();
  await expect(page).toHaveURL(new RegExp(`#/graphs/${graphId}$`));
  await expect(canvasState(page, 'double')).toHaveCount(0);
});
