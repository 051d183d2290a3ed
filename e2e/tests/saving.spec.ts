import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { OWNER, ownerWorkspaceId } from './account.helpers.js';

const GRAPH_URL = /#\/graphs\/([0-9a-f-]{36})$/;
const unique = (label: string) =>
  `${label} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

function graphIdOf(page: Page): string {
  const id = GRAPH_URL.exec(page.url())?.[1];
  if (!id) throw new Error(`not on a graph: ${page.url()}`);
  return id;
}

async function apiCall<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/trpc/${path}`, { data: input });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

/** A fresh graph with a unique name (names repeat across parallel tests otherwise), opened. */
async function openNewGraph(page: Page, label: string): Promise<{ id: string; name: string }> {
  const name = unique(label);
  const graph = await apiCall<{ id: string }>(page, 'graphs.create', {
    workspaceId: ownerWorkspaceId(),
    name,
  });
  await page.goto(`/#/graphs/${graph.id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  return { id: graph.id, name };
}

/** An edit a user makes on any graph: dragging a node somewhere else. */
async function dragNode(page: Page, nodeId: string, dx: number, dy = 0) {
  const box = await page.locator(`.react-flow__node[data-id="${nodeId}"]`).boundingBox();
  if (!box) throw new Error(`node ${nodeId} is not on the canvas`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 8 });
  await page.mouse.up();
}

const saveState = (page: Page) => page.getByTestId('save-state');

async function saveWithMessage(page: Page, message: string) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Save a new version' });
  await dialog.getByLabel('Message (optional)').fill(message);
  await dialog.getByLabel('Message (optional)').press('Enter');
  await expect(dialog).toBeHidden();
}

test('edits show as unsaved; leaving warns in the app and on unload until saved', async ({
  page,
}) => {
  await openNewGraph(page, 'Unsaved');
  await expect(saveState(page)).toHaveText('Saved · v1');
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await dragNode(page, 'output', 120, 80);
  await expect(saveState(page)).toHaveText('Unsaved changes');

  // In-app navigation asks; staying keeps the graph and the edits.
  const url = page.url();
  const asked = page.waitForEvent('dialog').then(async (dialog) => {
    expect(dialog.message()).toContain('unsaved changes');
    await dialog.dismiss();
  });
  await page.getByRole('link', { name: 'Beluga Orchestration' }).click();
  await asked;
  await expect(page).toHaveURL(url);
  await expect(saveState(page)).toHaveText('Unsaved changes');

  // Closing the tab: the browser's beforeunload prompt.
  const unload = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await unload;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  expect(page.isClosed()).toBe(false);

  // Ctrl+S saves; then nothing asks.
  await page.keyboard.press('Control+s');
  const saveDialog = page.getByRole('dialog', { name: 'Save a new version' });
  await expect(saveDialog).toBeVisible();
  await saveDialog.getByRole('button', { name: 'Save' }).click();
  await expect(saveState(page)).toHaveText('Saved · v2');
  page.on('dialog', (unexpected) => {
    throw new Error(`unexpected dialog: ${unexpected.message()}`);
  });
  await page.getByRole('link', { name: 'Beluga Orchestration' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Graphs' })).toBeVisible();
});

test('a save with a message is listed in the history, and an older version is restored', async ({
  page,
}) => {
  const { id } = await openNewGraph(page, 'History');
  await dragNode(page, 'output', 150, 100);
  await saveWithMessage(page, 'Moved the output');
  await expect(saveState(page)).toHaveText('Saved · v2');

  await page.getByRole('button', { name: 'History', exact: true }).click();
  const drawer = page.getByRole('dialog', { name: 'Version history' });
  const v2 = drawer.getByRole('listitem', { name: 'Version 2' });
  await expect(v2).toContainText('Moved the output');
  await expect(v2).toContainText(`by ${OWNER.name}`);
  await expect(v2).toContainText('current');
  const v1 = drawer.getByRole('listitem', { name: 'Version 1' });
  await expect(v1).toContainText('Created');

  await v1.getByRole('button', { name: 'Preview version 1' }).click();
  await expect(v1.getByTestId('diff-summary')).toHaveText('Nodes: 1 changed');
  await expect(v1).toContainText('output (position)');

  await v1.getByRole('button', { name: 'Restore version 1' }).click();
  await page
    .getByRole('alertdialog', { name: 'Restore version 1?' })
    .getByRole('button', { name: 'Restore' })
    .click();
  await expect(saveState(page)).toHaveText('Saved · v3');
  await expect(drawer.getByRole('listitem', { name: 'Version 3' })).toContainText(
    'Restored version 1',
  );
  await expect(v1.getByTestId('diff-summary')).toHaveText('No differences');

  const stored = await page.request.get(
    `/trpc/graphs.get?input=${encodeURIComponent(JSON.stringify({ id }))}`,
  );
  const graph = (
    (await stored.json()) as {
      result: {
        data: { version: number; document: { nodes: { id: string; position: { x: number } }[] } };
      };
    }
  ).result.data;
  expect(graph.version).toBe(3);
  expect(graph.document.nodes.find((node) => node.id === 'output')?.position.x).toBe(400);
});

/** The same graph in two browsers: A saves first, then B's save conflicts. */
async function conflictBetweenTwo(browser: Browser, page: Page) {
  const { id, name } = await openNewGraph(page, 'Conflict');
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await theirs.goto(`/#/graphs/${id}`);
  await expect(theirs.locator('.react-flow__node')).toHaveCount(2);

  await dragNode(theirs, 'input', 0, 150);
  await saveWithMessage(theirs, 'Their change');
  await expect(saveState(theirs)).toHaveText('Saved · v2');

  await dragNode(page, 'output', 100, -120);
  await saveWithMessage(page, 'My change');
  const dialog = page.getByRole('dialog', { name: 'Someone else saved this graph first' });
  await expect(dialog).toBeVisible();
  await expect(saveState(page)).toHaveText('Unsaved changes');
  return { id, name, dialog, other };
}

test('a conflict shows theirs, and keeps mine as a copy that opens', async ({ browser, page }) => {
  const { id, name, dialog, other } = await conflictBetweenTwo(browser, page);
  await expect(dialog.getByTestId('conflict-who')).toContainText(`${OWNER.name} saved version 2`);
  await expect(dialog.getByTestId('conflict-who')).toContainText('based on version 1');
  await expect(dialog.getByTestId('diff-summary')).toHaveText('Nodes: 2 changed');
  await expect(dialog).toContainText('input (position)');
  await expect(dialog).toContainText('output (position)');
  await page.screenshot({ path: test.info().outputPath('save-conflict.png') });

  await dialog.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${name} (my copy)` })).toBeVisible();
  const copyId = graphIdOf(page);
  expect(copyId).not.toBe(id);
  await expect(saveState(page)).toHaveText('Saved · v1');
  const copy = await page.request.get(
    `/trpc/graphs.get?input=${encodeURIComponent(JSON.stringify({ id: copyId }))}`,
  );
  const nodes = (
    (await copy.json()) as {
      result: {
        data: { document: { nodes: { id: string; position: { x: number; y: number } }[] } };
      };
    }
  ).result.data.document.nodes;
  // Mine moved the output; theirs moved the input, which the copy does not have.
  expect(nodes.find((node) => node.id === 'input')?.position).toEqual({ x: 0, y: 0 });
  expect(nodes.find((node) => node.id === 'output')?.position).not.toEqual({ x: 400, y: 0 });
  await other.close();
});

test('a conflict reloads theirs after a confirm, discarding mine', async ({ browser, page }) => {
  const { dialog, other } = await conflictBetweenTwo(browser, page);
  await dialog.getByRole('button', { name: 'Reload theirs' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Discard your changes?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(saveState(page)).toHaveText('Unsaved changes');
  await dialog.getByRole('button', { name: 'Reload theirs' }).click();
  await confirm.getByRole('button', { name: 'Discard mine and reload' }).click();
  await expect(dialog).toBeHidden();
  await expect(saveState(page)).toHaveText('Saved · v2');
  // Now based on their version, a save goes through.
  await dragNode(page, 'output', 60, 60);
  await saveWithMessage(page, 'After reloading');
  await expect(saveState(page)).toHaveText('Saved · v3');
  await other.close();
});

test('a conflict can be closed to keep editing', async ({ browser, page }) => {
  const { dialog, other } = await conflictBetweenTwo(browser, page);
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog).toBeHidden();
  await expect(saveState(page)).toHaveText('Unsaved changes');
  await other.close();
});

function isCanonical(text: string) {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  expect(text.endsWith('\n')).toBe(true);
  expect(`${JSON.stringify(parsed, null, 2)}\n`).toBe(text);
  expect(Object.keys(parsed)).toEqual([
    'format',
    'id',
    'name',
    'description',
    'settings',
    'nodes',
    'edges',
    'notes',
  ]);
  return parsed;
}

test('export downloads canonical JSON (saved, then unsaved) that imports again', async ({
  page,
}) => {
  const { id, name } = await openNewGraph(page, 'Export');
  await page.getByRole('button', { name: 'Export' }).click();
  await expect(page.getByRole('menu')).toContainText('Exports saved version 1');
  const saved = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Download .json' }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toMatch(/^export-.*\.beluga\.json$/);
  const text = readFileSync(await download.path(), 'utf8');
  const document = isCanonical(text);
  expect(document).toMatchObject({ id, name, format: 'beluga.graph/v1' });
  const serverExport = await page.request.get(
    `/trpc/graphs.export?input=${encodeURIComponent(JSON.stringify({ id }))}`,
  );
  expect(
    ((await serverExport.json()) as { result: { data: { json: string } } }).result.data.json,
  ).toBe(text);

  await dragNode(page, 'output', 100, 100);
  await page.getByRole('button', { name: 'Export' }).click();
  await expect(page.getByRole('menu')).toContainText('with unsaved changes');
  const unsaved = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Download .json' }).click();
  const edited = isCanonical(readFileSync(await (await unsaved).path(), 'utf8')) as {
    nodes: { id: string; position: { x: number } }[];
  };
  expect(edited.nodes.find((node) => node.id === 'output')?.position.x).not.toBe(400);

  // Re-import the saved export through the list.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Save a new version' })
    .getByRole('button', { name: 'Save' })
    .click();
  await page.getByRole('link', { name: 'Beluga Orchestration' }).click();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a graph' });
  await dialog.getByLabel('Graph file (.json)').setInputFiles({
    name: download.suggestedFilename(),
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await expect(dialog).toContainText('Valid: ready to run.');
  const renamed = `${name} again`;
  await dialog.getByLabel('Name').fill(renamed);
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
  expect(graphIdOf(page)).not.toBe(id);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
});

test('export copies the canonical JSON to the clipboard', async ({ browser }) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const { id } = await openNewGraph(page, 'Clipboard');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Copy JSON to clipboard' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied the JSON' })).toContainText(
    'saved version 1',
  );
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(isCanonical(text)).toMatchObject({ id });
  await context.close();
});
