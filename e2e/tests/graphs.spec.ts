import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { OWNER, ownerWorkspaceId, trpcMutation, trpcQuery } from './account.helpers.js';

const unique = (label: string) =>
  `${label} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

const GRAPH_URL = /#\/graphs\/([0-9a-f-]{36})$/;

function graphIdOf(page: Page): string {
  const id = GRAPH_URL.exec(page.url())?.[1];
  if (!id) throw new Error(`not on a graph: ${page.url()}`);
  return id;
}

/** The graph list's row of one graph, found by its link (names repeat across parallel tests). */
function rowOf(page: Page, id: string) {
  return page.getByRole('listitem').filter({ has: page.locator(`a[href="#/graphs/${id}"]`) });
}

async function graphNames(page: Page): Promise<string[]> {
  const graphs = await trpcQuery<{ name: string }[]>(page.request, 'graphs.list', {
    workspaceId: ownerWorkspaceId(),
    limit: 200,
  });
  return graphs.map((graph) => graph.name);
}

function documentNamed(name: string, extra: Record<string, unknown> = {}) {
  return {
    format: 'beluga.graph/v1',
    id: 'imported',
    name,
    description: 'Made by an e2e test',
    nodes: [
      { id: 'in', type: 'input', position: { x: 0, y: 0 }, config: { fields: [] } },
      { id: 'out', type: 'output', position: { x: 300, y: 0 }, config: {} },
    ],
    edges: [{ id: 'in-out', source: 'in', target: 'out' }],
    ...extra,
  };
}

// "New graph" itself is covered by home.spec.ts; here the graph gets a unique name from the start,
// because parallel tests would otherwise share "Untitled graph".
test('a graph is listed with who changed it and when, renamed, duplicated and deleted', async ({
  page,
}) => {
  const original = unique('Listed graph');
  const { id } = await trpcMutation<{ id: string }>(page.request, 'graphs.create', {
    workspaceId: ownerWorkspaceId(),
    name: original,
  });
  await page.goto('/');
  const row = rowOf(page, id);
  await expect(row).toContainText(`2 nodes · v1 · changed by ${OWNER.name}`);
  await expect(row.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);

  const name = unique('Renamed graph');
  await row.getByRole('button', { name: `Actions for ${original}` }).click();
  await page.getByRole('menuitem', { name: 'Rename…' }).click();
  const dialog = page.getByRole('dialog', { name: `Rename "${original}"` });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByRole('link')).toHaveText(name);
  await expect(row).toContainText('v2');

  await row.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Duplicate' }).click();
  const copyLink = page.getByRole('link', { name: `${name} (copy)`, exact: true });
  await expect(copyLink).toBeVisible();
  const copyId = /#\/graphs\/(.+)$/.exec((await copyLink.getAttribute('href')) ?? '')?.[1] ?? '';
  const copyRow = rowOf(page, copyId);
  await expect(copyRow).toContainText('2 nodes · v1');

  await copyRow.getByRole('button', { name: `Actions for ${name} (copy)` }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  const confirm = page.getByRole('alertdialog', { name: `Delete "${name} (copy)"?` });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(copyRow).toBeVisible();
  await copyRow.getByRole('button', { name: `Actions for ${name} (copy)` }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(copyRow).toHaveCount(0);
  await expect(row).toBeVisible();
  expect(await graphNames(page)).not.toContain(`${name} (copy)`);

  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
});

test('a template becomes a new graph and opens on the canvas without running', async ({ page }) => {
  const template = JSON.parse(
    readFileSync(
      new URL('../../packages/nodes/examples/github-repo-triage.json', import.meta.url),
      'utf8',
    ),
  ) as { name: string; nodes: unknown[] };
  await page.goto('/');
  await page.getByRole('button', { name: `Use template ${template.name}` }).click();
  await expect(page).toHaveURL(GRAPH_URL);
  await expect(page.getByRole('heading', { level: 1, name: template.name })).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(template.nodes.length);
  const runs = await trpcQuery<unknown[]>(page.request, 'runs.list', {
    workspaceId: ownerWorkspaceId(),
    graphId: graphIdOf(page),
  });
  expect(runs).toHaveLength(0);
});

test('a file chosen in the import dialog is checked, then imported and opened', async ({
  page,
}) => {
  const name = unique('From a file');
  await page.goto('/');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a graph' });
  await dialog.getByLabel('Graph file (.json)').setInputFiles({
    name: 'graph.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(documentNamed(name))),
  });
  const report = dialog.getByRole('region', { name: 'Import report' });
  await expect(report).toContainText('Read graph.json');
  await expect(report).toContainText('Valid: ready to run.');
  await expect(report).toContainText('Critical path');
  expect(await graphNames(page)).not.toContain(name);
  await report.getByRole('button', { name: 'Import' }).click();
  await expect(page).toHaveURL(GRAPH_URL);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
});

test('a .json file dropped on the graph list opens the import report', async ({ page }) => {
  const name = unique('Dropped');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Graphs' })).toBeVisible();
  await page.evaluate(
    ({ text }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      const target = document.querySelector('h1') as HTMLElement;
      target.dispatchEvent(
        new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }),
      );
      target.dispatchEvent(
        new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }),
      );
    },
    { text: JSON.stringify(documentNamed(name)) },
  );
  const dialog = page.getByRole('dialog', { name: 'Import a graph' });
  await expect(dialog).toContainText('Read dropped.json');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
});

test('pasted JSON is checked and imported: in the dialog and anywhere on the list', async ({
  page,
}) => {
  const name = unique('Pasted');
  await page.goto('/');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a graph' });
  await dialog.getByRole('tab', { name: 'Paste' }).click();
  // A cycle is a validation problem: reported with its code and place, still importable.
  const cyclic = documentNamed(name, {
    nodes: [
      { id: 'in', type: 'input', position: { x: 0, y: 0 }, config: { fields: [] } },
      { id: 'a', type: 'transform', position: { x: 200, y: 0 }, config: { expression: 'x' } },
      { id: 'b', type: 'transform', position: { x: 400, y: 0 }, config: { expression: 'x' } },
      { id: 'out', type: 'output', position: { x: 600, y: 0 }, config: {} },
    ],
    edges: [
      { id: 'a-b', source: 'a', target: 'b' },
      { id: 'b-a', source: 'b', target: 'a' },
    ],
  });
  await dialog.getByLabel('Graph JSON').fill(JSON.stringify(cyclic, null, 2));
  await dialog.getByRole('button', { name: 'Check' }).click();
  const problems = dialog.getByRole('list', { name: 'Validation problems' });
  await expect(problems).toContainText('CYCLE');
  await expect(dialog).toContainText('none (the graph has a cycle)');
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect(await graphNames(page)).not.toContain(name);

  // Outside a text field, pasting a document opens the same report.
  const other = unique('Pasted on the list');
  await page.evaluate(
    (text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.body.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true }),
      );
    },
    JSON.stringify(documentNamed(other)),
  );
  await expect(dialog).toContainText('Read pasted JSON');
  await expect(dialog).toContainText('Valid: ready to run.');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: other })).toBeVisible();
});

test('a broken document shows its problems with codes and places, and saves nothing', async ({
  page,
}) => {
  const name = unique('Broken');
  await page.goto('/');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a graph' });
  await dialog.getByRole('tab', { name: 'Paste' }).click();
  const broken = documentNamed(name, {
    nodes: [{ id: 'in', type: 'input', position: { x: 'left' } }],
    edges: 'none',
  });
  await dialog.getByLabel('Graph JSON').fill(JSON.stringify(broken));
  await dialog.getByRole('button', { name: 'Check' }).click();
  const problems = dialog.getByRole('list', { name: 'Problems' });
  await expect(dialog).toContainText('cannot be imported');
  await expect(dialog).toContainText('Nothing was saved.');
  await expect(problems).toContainText('SCHEMA_MISMATCH');
  await expect(problems).toContainText('nodes.0.position.x');
  await expect(problems).toContainText('edges');
  await expect(dialog.getByRole('button', { name: 'Import' })).toBeDisabled();

  await dialog.getByRole('button', { name: 'Choose another' }).click();
  await dialog.getByRole('tab', { name: 'Paste' }).click();
  await dialog.getByLabel('Graph JSON').fill('{ "format": "beluga.graph/v1", ');
  await dialog.getByRole('button', { name: 'Check' }).click();
  await expect(dialog.getByRole('list', { name: 'Problems' })).toContainText('DOCUMENT_MALFORMED');
  await expect(dialog.getByRole('button', { name: 'Import' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await graphNames(page)).not.toContain(name);
});
