import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { center, drawEdge, dropFromPalette, handle, node, openNewGraph } from './editor.helpers.js';

// A new user's first graph, start to end, with a screenshot of each key state kept as a test
// artifact (test-results/<this test>/*.png).
async function keep(page: Page, state: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${state}.png`) });
}

test('a new user builds a four-node graph, fixes a problem, saves, runs it green, reads an output, exports and imports it unchanged', async ({
  page,
}) => {
  const name = `First graph ${process.pid}-${Date.now().toString(36)}`;
  await openNewGraph(page, name);

  // The new graph's input → output edge goes; two nodes come from the palette by drag and drop.
  const a = await center(handle(page, 'input', 'source', 'out'));
  const b = await center(handle(page, 'output', 'target', 'in'));
  await page.mouse.click((a.x + b.x) / 2, (a.y + b.y) / 2);
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await dropFromPalette(page, 'Transform', { x: 300, y: 220 });
  await dropFromPalette(page, 'Delay', { x: 250, y: 430 });
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await drawEdge(
    page,
    handle(page, 'input', 'source', 'out'),
    handle(page, 'transform', 'target', 'in'),
  );
  await drawEdge(
    page,
    handle(page, 'transform', 'source', 'out'),
    handle(page, 'delay', 'target', 'in'),
  );
  await drawEdge(
    page,
    handle(page, 'delay', 'source', 'out'),
    handle(page, 'output', 'target', 'in'),
  );
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await keep(page, '1-built');

  // Configure the transform; a wrong delay is a problem on the node and in the panel, then fixed.
  await node(page, 'transform').click();
  const transform = page.getByRole('form', { name: 'Node transform' });
  await transform.getByLabel('Expression').fill('{ "doubled": n * 2 }');
  await node(page, 'delay').click();
  const delay = page.getByRole('form', { name: 'Node delay' });
  await delay.getByLabel('Milliseconds').fill('-5');
  await expect(node(page, 'delay').getByTestId('node-problem')).toHaveAttribute(
    'aria-label',
    /config\.ms/,
  );
  await page.getByRole('tab', { name: /Problems/ }).click();
  await expect(page.getByRole('tabpanel')).toContainText('config.ms');
  await keep(page, '2-problem');
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await delay.getByLabel('Milliseconds').fill('20');
  await page.getByRole('tab', { name: /Problems/ }).click();
  await expect(page.getByText('No problems: the graph can run.')).toBeVisible();

  // Save with a message.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const save = page.getByRole('dialog', { name: 'Save a new version' });
  await save.getByLabel('Message (optional)').fill('My first graph');
  await save.getByLabel('Message (optional)').press('Enter');
  await expect(page.getByTestId('save-state')).toHaveText('Saved · v2');

  // Run it: every node turns green, live; the transform's output is in its details.
  await page.getByRole('tab', { name: 'Run' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const run = page.getByRole('dialog', { name: 'Run graph' });
  await run.getByLabel('Input (JSON)').fill('{"n": 21}');
  await run.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
  for (const id of ['input', 'transform', 'delay', 'output']) {
    await expect(
      page.locator(`.react-flow__node[data-id="${id}"] [data-testid="run-state"]`),
    ).toHaveAttribute('data-status', 'succeeded');
    await expect(
      page.locator(`[data-testid="timeline-row"][data-node-id="${id}"]`),
    ).toHaveAttribute('data-status', 'succeeded');
  }
  await keep(page, '3-succeeded');
  await page.locator('[data-testid="timeline-row"][data-node-id="transform"]').click();
  const details = page.getByTestId('node-run-details');
  await expect(details.getByRole('region', { name: 'Output' })).toContainText('"doubled": 42');
  await keep(page, '4-node-output');

  // Export the saved version as a file, import it from the graph list: the same document.
  await page.getByRole('button', { name: 'Export' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Download .json' }).click();
  const download = await downloading;
  const exported = readFileSync(await download.path(), 'utf8');
  await page.getByRole('link', { name: 'Beluga Orchestration' }).click();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a graph' });
  await dialog.getByLabel('Graph file (.json)').setInputFiles({
    name: download.suggestedFilename(),
    mimeType: 'application/json',
    buffer: Buffer.from(exported),
  });
  await expect(dialog).toContainText('Valid: ready to run.');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  const imported = /#\/graphs\/([0-9a-f-]{36})$/.exec(page.url())?.[1] as string;
  const again = await page.request.get(
    `/trpc/graphs.export?input=${encodeURIComponent(JSON.stringify({ id: imported }))}`,
  );
  const json = ((await again.json()) as { result: { data: { json: string } } }).result.data.json;
  // Unchanged but for the id and name the import gives it.
  const strip = (text: string) => {
    const { id: _id, name: _name, ...rest } = JSON.parse(text) as Record<string, unknown>;
    return rest;
  };
  expect(strip(json)).toEqual(strip(exported));
  expect((JSON.parse(exported) as { nodes: unknown[] }).nodes).toHaveLength(4);
  await keep(page, '5-imported');
});
