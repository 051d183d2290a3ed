import { expect, type Locator, type Page } from '@playwright/test';
import { ownerWorkspaceId, trpcMutation } from './account.helpers.js';

let created = 0;

/**
 * Creates a graph (input → output) through the API under a name of its own, so tests running
 * in parallel on one server never mistake each other's graphs, and opens it on the canvas.
 */
export async function openNewGraph(
  page: Page,
  name = `Editor test ${process.pid}-${++created}`,
): Promise<string> {
  const graph = await trpcMutation<{ id: string }>(page.request, 'graphs.create', {
    workspaceId: ownerWorkspaceId(),
    name,
  });
  await page.goto(`/#/graphs/${graph.id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  return graph.id;
}

export function node(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

export function handle(
  page: Page,
  nodeId: string,
  kind: 'source' | 'target',
  port: string,
): Locator {
  return node(page, nodeId).locator(`.react-flow__handle.${kind}[data-handleid="${port}"]`);
}

/** Drags a connection from one handle to another with the mouse, as a user does. */
export async function drawEdge(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('handle not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Drags a node type from the palette onto the canvas at a point of the pane. */
export async function dropFromPalette(
  page: Page,
  title: string,
  at: { x: number; y: number },
): Promise<void> {
  await page
    .getByRole('button', { name: new RegExp(`^Add ${title}:`) })
    .dragTo(page.locator('.react-flow__pane'), { targetPosition: at });
}

export async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
