import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ownerWorkspaceId } from './account.helpers.js';

// A past run is shown as the version that ran, and nothing can be edited while it is open; the
// graph being edited (its unsaved edits, its undo history) waits untouched underneath.

let created = 0;

interface NodeSpec {
  id: string;
  type: string;
  config?: Record<string, unknown>;
  label?: string;
}

/** Imports a chain of nodes (each one's `out` into the next one's `in`) under a unique name. */
async function importChain(request: APIRequestContext, nodes: NodeSpec[]): Promise<string> {
  const document = {
    format: 'beluga.graph/v1',
    id: 'imported',
    name: `Run view ${process.pid}-${++created}`,
    nodes: nodes.map((node, i) => ({ config: {}, ...node, position: { x: i * 260, y: 0 } })),
    edges: nodes.slice(1).map((node, i) => ({
      id: `e${i}`,
      source: nodes[i]?.id,
      sourcePort: 'out',
      target: node.id,
    })),
  };
  const response = await request.post('/trpc/graphs.import', {
    data: { workspaceId: ownerWorkspaceId(), document },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const body = (await response.json()) as { result: { data: { graph: { id: string } } } };
  return body.result.data.graph.id;
}

const flowNode = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const canvasState = (page: Page, id: string) => flowNode(page, id).getByTestId('run-state');
const runTab = (page: Page) => page.getByRole('tab', { name: 'Run' });

/** Where one node is drawn relative to another (unchanged by panning or zooming the view). */
async function gap(page: Page, from: string, to: string): Promise<{ x: number; y: number }> {
  const a = await flowNode(page, from).boundingBox();
  const b = await flowNode(page, to).boundingBox();
  if (!a || !b) throw new Error('node not visible');
  return { x: Math.round(b.x - a.x), y: Math.round(b.y - a.y) };
}

async function startRun(page: Page, input?: string): Promise<void> {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run graph' });
  if (input !== undefined) await dialog.getByLabel('Input (JSON)').fill(input);
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await expect(dialog).toBeHidden();
}

/** Drops a palette node type on the canvas as the browser would at the end of a drag. */
async function dropOnCanvas(page: Page, type: string): Promise<void> {
  const pane = page.locator('.react-flow__pane');
  const data = await page.evaluateHandle((t) => {
    const transfer = new DataTransfer();
    transfer.setData('application/x-beluga-node-type', t);
    return transfer;
  }, type);
  await pane.dispatchEvent('dragover', { dataTransfer: data, clientX: 400, clientY: 300 });
  await pane.dispatchEvent('drop', { dataTransfer: data, clientX: 400, clientY: 300 });
}

test('a past run shows the version that ran, locked; back to editing finds the unsaved edits', async ({
  page,
}) => {
  const graphId = await importChain(page.request, [
    { id: 'in', type: 'input' },
    { id: 'double', type: 'transform', label: 'Double', config: { expression: '$ * 2' } },
    { id: 'out', type: 'output', label: 'Result' },
  ]);
  await page.goto(`/#/graphs/${graphId}`);
  await expect(flowNode(page, 'double')).toBeVisible();
  await expect(runTab(page)).toHaveAttribute('aria-selected', 'false');

  // Starting a run brings the run tab forward.
  await startRun(page, '21');
  await expect(runTab(page)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
  const runId = await page.getByTestId('run-panel').getAttribute('data-run-id');

  // Unsaved edits: relabel `out`, delete `double`.
  await flowNode(page, 'out').click();
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await page.getByLabel('Label').fill('Renamed');
  await expect(flowNode(page, 'out').getByTestId('node-label')).toHaveText('Renamed');
  await flowNode(page, 'double').click();
  await page.keyboard.press('Delete');
  await expect(flowNode(page, 'double')).toHaveCount(0);

  await page.getByRole('button', { name: 'Run history' }).click();
  await page.locator(`[data-testid="run-history-item"][data-run-id="${runId}"]`).click();
  await expect(page).toHaveURL(new RegExp(`#/graphs/${graphId}/runs/${runId}$`));
  await expect(page.getByTestId('run-readonly')).toContainText('(version 1) — read-only');
  await expect(runTab(page)).toHaveAttribute('aria-selected', 'true');

  // The version that ran: `double` is back, `out` has its old label, with the run's states.
  await expect(canvasState(page, 'double')).toHaveAttribute('data-status', 'succeeded');
  await expect(flowNode(page, 'out').getByTestId('node-label')).toHaveText('Result');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();

  // Editing gestures do nothing.
  await flowNode(page, 'double').click();
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+z');
  await expect(flowNode(page, 'double')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Add Transform:/ })).toBeDisabled();
  await dropOnCanvas(page, 'transform');
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  // A drag on a node pans the view at most: the node keeps its place among the others.
  const offset = () => gap(page, 'in', 'double');
  const before = await offset();
  await flowNode(page, 'double').hover();
  await page.mouse.down();
  await page.mouse.move(700, 500, { steps: 8 });
  await page.mouse.up();
  expect(await offset()).toEqual(before);

  // The inspector shows the node as it ran, its fields disabled, and says why.
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await expect(page.getByTestId('inspector-readonly')).toBeVisible();
  await expect(page.getByLabel('Label')).toBeDisabled();
  await expect(page.getByLabel('Label')).toHaveValue('Double');

  await page.getByRole('button', { name: 'Back to editing' }).click();
  await expect(page).toHaveURL(new RegExp(`#/graphs/${graphId}$`));
  await expect(flowNode(page, 'double')).toHaveCount(0);
  await expect(flowNode(page, 'out').getByTestId('node-label')).toHaveText('Renamed');
  await expect(canvasState(page, 'out')).toHaveCount(0);
  // The history is whole: undo brings back the deleted node, then the old label.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(flowNode(page, 'double')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(flowNode(page, 'out').getByTestId('node-label')).toHaveText('Result');
});

test('coming back to a still-running run by its address follows it live again', async ({
  page,
}) => {
  const graphId = await importChain(page.request, [
    { id: 'in', type: 'input' },
    { id: 'wait', type: 'delay', config: { ms: 600_000 } },
    { id: 'out', type: 'output' },
  ]);
  await page.goto(`/#/graphs/${graphId}`);
  await expect(flowNode(page, 'wait')).toBeVisible();
  await startRun(page);
  await expect(canvasState(page, 'wait')).toHaveAttribute('data-status', 'running');
  const runId = await page.getByTestId('run-panel').getAttribute('data-run-id');

  // Leaving the editor ends the subscription; the run's address subscribes again.
  await page.goto('/#/');
  await expect(flowNode(page, 'wait')).toHaveCount(0);
  await page.goto(`/#/graphs/${graphId}/runs/${runId}`);
  await expect(page.getByTestId('run-readonly')).toBeVisible();
  await expect(page.getByTestId('run-connection').first()).toHaveAttribute('data-state', 'live');
  await expect(canvasState(page, 'wait')).toHaveAttribute('data-status', 'running');

  // Live: the cancellation arrives over the stream.
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled');
  await expect(canvasState(page, 'wait')).toHaveAttribute('data-status', 'cancelled');
});

test("a past run's problems panel shows the problems of the version that ran, not those of the edits", async ({
  page,
}) => {
  const graphId = await importChain(page.request, [
    { id: 'in', type: 'input' },
    { id: 'double', type: 'transform', label: 'Double', config: { expression: '$ * 2' } },
    { id: 'out', type: 'output', label: 'Result' },
  ]);
  await page.goto(`/#/graphs/${graphId}`);
  await expect(flowNode(page, 'double')).toBeVisible();
  await startRun(page, '21');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
  const runId = await page.getByTestId('run-panel').getAttribute('data-run-id');

  // An unsaved edit breaks the graph: `out` loses its input.
  await flowNode(page, 'double').click();
  await page.keyboard.press('Delete');
  await page.getByRole('tab', { name: /Problems/ }).click();
  const problems = page.getByTestId('problem');
  await expect(problems.first()).toContainText('out');
  const editedProblems = await problems.count();
  await expect(flowNode(page, 'out').getByTestId('node-problem')).toBeVisible();

  // The run ran version 1, which had no problem: that is what its panel and its nodes show.
  await page.getByRole('button', { name: 'Run history' }).click();
  await page.locator(`[data-testid="run-history-item"][data-run-id="${runId}"]`).click();
  await expect(page.getByTestId('run-readonly')).toBeVisible();
  await page.getByRole('tab', { name: /Problems/ }).click();
  await expect(page.getByTestId('problems-run-version')).toHaveText(
    'Problems of version 1, the version this run ran — not of the graph being edited.',
  );
  await expect(page.getByText('No problems: the graph can run.')).toBeVisible();
  await expect(problems).toHaveCount(0);
  await expect(flowNode(page, 'double')).toBeVisible();
  await expect(page.locator('[data-testid="node-problem"]')).toHaveCount(0);

  // Back to editing, the edits' problems are back.
  await page.getByRole('button', { name: 'Back to editing' }).click();
  await page.getByRole('tab', { name: /Problems/ }).click();
  await expect(page.getByTestId('problems-run-version')).toHaveCount(0);
  await expect(problems).toHaveCount(editedProblems);
  await expect(flowNode(page, 'out').getByTestId('node-problem')).toBeVisible();
});
