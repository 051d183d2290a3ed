import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ownerWorkspaceId, storageStatePath } from './account.helpers.js';

// The second server of playwright.config.ts: the temporal executor, a worker in its process, a
// Temporal dev server. A run on Temporal must look in the editor exactly like a local one.
const temporalApp = process.env.E2E_TEMPORAL_APP_URL as string;
// Signed in as the owner of that server (its session cookie is not the main server's).
test.use({ baseURL: temporalApp, storageState: storageStatePath('temporal') });

function approvalGraph(name: string) {
  const nodes = [
    { id: 'in', type: 'input', config: {} },
    { id: 'review', type: 'approval', label: 'Review', config: { prompt: 'Ship it?' } },
    { id: 'ship', type: 'transform', config: { expression: '{"shipped": true, "note": comment}' } },
    { id: 'drop', type: 'transform', config: { expression: '{"shipped": false}' } },
    { id: 'done', type: 'merge', config: { mode: 'first' } },
    { id: 'out', type: 'output', config: {} },
  ];
  const edges: [string, string, string?][] = [
    ['in', 'review'],
    ['review', 'ship', 'approved'],
    ['review', 'drop', 'rejected'],
    ['ship', 'done'],
    ['drop', 'done'],
    ['done', 'out'],
  ];
  return {
    format: 'beluga.graph/v1',
    id: 'imported',
    name,
    nodes: nodes.map((node, i) => ({ ...node, position: { x: i * 260, y: (i % 2) * 90 } })),
    edges: edges.map(([source, target, sourcePort = 'out']) => ({
      id: `${source}.${sourcePort}-${target}`,
      source,
      sourcePort,
      target,
    })),
  };
}

async function importGraph(request: APIRequestContext, document: unknown): Promise<string> {
  const response = await request.post(`${temporalApp}/trpc/graphs.import`, {
    data: { workspaceId: ownerWorkspaceId('temporal'), document },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const body = (await response.json()) as { result: { data: { graph: { id: string } } } };
  return body.result.data.graph.id;
}

const canvasState = (page: Page, nodeId: string) =>
  page.locator(`.react-flow__node[data-id="${nodeId}"] [data-testid="run-state"]`);

test('a run on Temporal: chosen in the dialog, approved in the panel, painted live', async ({
  page,
}) => {
  const graphId = await importGraph(page.request, approvalGraph('Durable approval'));
  await page.goto(`/#/graphs/${graphId}`);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Run' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run graph' });
  // This server reaches Temporal: the choice is there, and Temporal can be picked.
  const temporal = dialog.getByRole('radio', { name: /Temporal/ });
  await expect(temporal).toBeEnabled();
  await temporal.check();
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await expect(dialog).toBeHidden();

  const card = page.getByRole('group', { name: 'Approval: Review' });
  await expect(card).toContainText('Ship it?');
  await expect(canvasState(page, 'review')).toHaveAttribute('data-status', 'waiting');
  await expect(canvasState(page, 'in')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByRole('button', { name: 'Terminate' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('temporal-waiting.png') });
  await card.getByLabel('Comment (optional)').fill('durable and approved');
  await card.getByRole('button', { name: 'Approve' }).click();

  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
  await expect(canvasState(page, 'ship')).toHaveAttribute('data-status', 'succeeded');
  await expect(canvasState(page, 'drop')).toHaveAttribute('data-status', 'skipped');
  await expect(page.getByRole('region', { name: 'Run output' })).toContainText(
    'durable and approved',
  );
  await expect(page.getByRole('button', { name: 'Terminate' })).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('temporal-succeeded.png') });

  const response = await page.request.get(
    `${temporalApp}/trpc/runs.list?input=${encodeURIComponent(JSON.stringify({ workspaceId: ownerWorkspaceId('temporal'), graphId }))}`,
  );
  const runs = ((await response.json()) as { result: { data: { executor: string }[] } }).result
    .data;
  expect(runs.map((run) => run.executor)).toEqual(['temporal']);
});

test('terminating a Temporal run from the editor stops it and paints it cancelled', async ({
  page,
}) => {
  const graphId = await importGraph(page.request, approvalGraph('Durable, then terminated'));
  await page.goto(`/#/graphs/${graphId}`);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Run' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run graph' });
  await dialog.getByRole('radio', { name: /Temporal/ }).check();
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await expect(canvasState(page, 'review')).toHaveAttribute('data-status', 'waiting');
  await page.getByRole('button', { name: 'Terminate' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled');
});
