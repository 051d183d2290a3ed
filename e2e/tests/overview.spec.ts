import { expect, test, type Page } from '@playwright/test';
import { chainsGraph } from '../bench/graphs.js';
import { ownerWorkspaceId } from './account.helpers.js';

// A big graph zoomed out past reading is drawn on one canvas (the overview) instead of a
// component per node; its boxes follow the run live, and a click on one zooms into that node.

const CHAINS = { chains: 10, steps: 35, ms: 1 }; // 353 nodes: past the 300 that make a graph big
// A delay node as the canvas lays it out before measuring (nodeGeometry.ts): 224 × 82.
const NODE = { width: 224, height: 82 };

interface View {
  x: number;
  y: number;
  zoom: number;
}

async function overviewView(page: Page): Promise<View> {
  const view = await page.getByTestId('overview-canvas').getAttribute('data-view');
  const [x, y, zoom] = (view ?? '').split(',').map(Number);
  if (x === undefined || y === undefined || !zoom) throw new Error(`no overview view: ${view}`);
  return { x, y, zoom };
}

/** Where the centre of a node of the document is on the overview canvas, in CSS pixels. */
async function centreOf(page: Page, position: { x: number; y: number }) {
  const { x, y, zoom } = await overviewView(page);
  return {
    x: x + (position.x + NODE.width / 2) * zoom,
    y: y + (position.y + NODE.height / 2) * zoom,
  };
}

/** The colour the overview canvas has drawn at a point, as #rrggbb. */
function colourAt(page: Page, point: { x: number; y: number }): Promise<string> {
  return page.getByTestId('overview-canvas').evaluate((canvas, at) => {
    const c = canvas as HTMLCanvasElement;
    const ratio = c.width / c.getBoundingClientRect().width;
    const ctx = c.getContext('2d');
    const [r = 0, g = 0, b = 0] = ctx?.getImageData(at.x * ratio, at.y * ratio, 1, 1).data ?? [];
    return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  }, point);
}

test('a big graph zoomed out is an overview: run states drawn live, a click zooms into a node', async ({
  page,
}) => {
  const document = chainsGraph(`Overview ${process.pid}`, CHAINS);
  const response = await page.request.post('/trpc/graphs.import', {
    data: { workspaceId: ownerWorkspaceId(), document },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const { result } = (await response.json()) as { result: { data: { graph: { id: string } } } };
  await page.goto(`/#/graphs/${result.data.graph.id}`);

  // Opened at a readable zoom: node components, no overview.
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect(page.getByTestId('overview-canvas')).toHaveCount(0);
  await expect(page.getByRole('img', { name: 'Minimap' })).toBeVisible();

  // Zoomed to fit, every node is a box on the overview and no node component is mounted.
  await page.getByRole('button', { name: 'Zoom to fit' }).click();
  const overview = page.getByTestId('overview-canvas');
  await expect(overview).toHaveAttribute('data-nodes', String(document.nodes.length));
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(
    page.getByRole('status').filter({ hasText: 'Overview: zoom in or click a node to edit it' }),
  ).toBeVisible();

  const target = document.nodes.find((n) => n.id === 'c5s17');
  if (!target) throw new Error('no node c5s17');
  await expect
    .poll(async () => colourAt(page, await centreOf(page, target.position)))
    .toBe('#ffffff');

  // A run paints the boxes by state: green once every node has succeeded.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run graph' });
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
  await expect
    .poll(async () => colourAt(page, await centreOf(page, target.position)))
    .toBe('#10b981');

  // A click on a box zooms into that node and selects it.
  const box = await overview.boundingBox();
  if (!box) throw new Error('overview not visible');
  const at = await centreOf(page, target.position);
  await page.mouse.click(box.x + at.x, box.y + at.y);
  const node = page.locator('.react-flow__node[data-id="c5s17"]');
  await expect(node).toHaveClass(/selected/);
  await expect(overview).toHaveCount(0);
  await expect(node.getByTestId('run-state')).toHaveAttribute('data-status', 'succeeded');
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await expect(page.getByLabel('Label')).toHaveValue('Chain 6 step 18');
});
