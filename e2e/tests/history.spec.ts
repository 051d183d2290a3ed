import { expect, test, type Page } from '@playwright/test';
import { center, dropFromPalette, handle, node, openNewGraph } from './editor.helpers.js';

// Every save is a version. History compares any two versions (or one with the unsaved canvas)
// on the canvas itself: added, removed and changed nodes and edges are marked in words as well
// as colour, a changed node lists its changed config; leaving the comparison finds the edits as
// they were, and an older version is restored from there as the newest one.

async function keep(page: Page, state: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${state}.png`) });
}

const saveState = (page: Page) => page.getByTestId('save-state');

async function saveWithMessage(page: Page, message: string, version: number): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Save a new version' });
  await dialog.getByLabel('Message (optional)').fill(message);
  await dialog.getByLabel('Message (optional)').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(saveState(page)).toHaveText(`Saved · v${version}`);
}

/**
 * How the canvas marks each node and edge, by id: a node's `data-diff` ('none' outside a
 * comparison), an edge's label ('unmarked' when it has none).
 */
function canvasMarks(page: Page) {
  return page.evaluate(() => {
    const nodes: Record<string, string> = {};
    for (const element of document.querySelectorAll('.react-flow__node')) {
      const view = element.querySelector('[data-testid="graph-node"]');
      nodes[element.getAttribute('data-id') ?? '?'] = view?.getAttribute('data-diff') ?? 'none';
    }
    const labels = new Map<string, string>();
    for (const label of document.querySelectorAll<HTMLElement>('[data-testid="edge-diff"]')) {
      labels.set(label.dataset.edgeId ?? '?', label.dataset.diff ?? '?');
    }
    const edges: Record<string, string> = {};
    for (const element of document.querySelectorAll('.react-flow__edge')) {
      const id = element.getAttribute('data-id') ?? '?';
      edges[id] = labels.get(id) ?? 'unmarked';
    }
    return { nodes, edges };
  });
}

const compareBar = (page: Page) => page.getByRole('region', { name: 'Compare versions' });

async function openHistory(page: Page) {
  await page.getByRole('button', { name: 'History', exact: true }).click();
  return page.getByRole('dialog', { name: 'Version history' });
}

test('two versions compared on the canvas show what was added, removed and changed; back to editing keeps the edits; an older version is restored', async ({
  page,
}) => {
  await openNewGraph(page, `History ${process.pid}-${Date.now().toString(36)}`);

  // v2 adds a node, v3 removes the input → output edge, v4 changes the new node's config.
  await dropFromPalette(page, 'Delay', { x: 250, y: 430 });
  await expect(node(page, 'delay')).toBeVisible();
  await saveWithMessage(page, 'Added a delay', 2);
  const a = await center(handle(page, 'input', 'source', 'out'));
  const b = await center(handle(page, 'output', 'target', 'in'));
  await page.mouse.click((a.x + b.x) / 2, (a.y + b.y) / 2);
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await saveWithMessage(page, 'Removed the edge', 3);
  await node(page, 'delay').click();
  const form = page.getByRole('form', { name: 'Node delay' });
  await form.getByLabel('Milliseconds').fill('250');
  await saveWithMessage(page, 'Waits 250 ms', 4);

  // An unsaved edit, which the comparison must leave alone.
  await form.getByLabel('Label').fill('Short wait');
  await expect(node(page, 'delay').getByTestId('node-label')).toHaveText('Short wait');
  await expect(saveState(page)).toHaveText('Unsaved changes');

  // "Compare" on v4: what v4 changed against v3, drawn as v4 with the change marked.
  const drawer = await openHistory(page);
  await drawer.getByRole('button', { name: 'Compare version 4' }).click();
  await expect(drawer).toBeHidden();
  const bar = compareBar(page);
  await expect(bar.getByLabel('Compare from')).toHaveValue('3');
  await expect(bar.getByLabel('Compare with')).toHaveValue('4');
  await expect
    .poll(() => canvasMarks(page))
    .toEqual({ nodes: { input: 'unchanged', output: 'unchanged', delay: 'changed' }, edges: {} });
  const delayMark = node(page, 'delay').getByTestId('node-diff');
  await expect(delayMark).toContainText('Changed');
  await expect(delayMark).toContainText('config.ms: 1000 → 250');
  // v4 as stored, not the edit waiting underneath; and nothing on the canvas can be edited.
  await expect(node(page, 'delay').getByTestId('node-label')).toHaveText('delay');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  await expect(page.getByRole('button', { name: /^Add Delay:/ })).toBeDisabled();

  // v1 with v4: the delay was added since, the edge removed (drawn, dashed, labelled).
  await bar.getByLabel('Compare from').selectOption('1');
  await expect
    .poll(() => canvasMarks(page))
    .toEqual({
      nodes: { input: 'unchanged', output: 'unchanged', delay: 'added' },
      edges: { 'input-output': 'removed' },
    });
  await expect(bar.getByTestId('compare-summary')).toHaveText('Nodes: 1 added; Edges: 1 removed');
  await expect(bar.getByTestId('diff-count-added')).toHaveText('Added 1');
  await expect(bar.getByTestId('diff-count-removed')).toHaveText('Removed 1');
  await expect(bar.getByTestId('diff-count-removed')).toHaveAttribute('title', '0 nodes, 1 edge');
  await expect(bar.getByTestId('diff-count-changed')).toHaveText('Changed 0');
  const removedEdge = page.locator('[data-testid="edge-diff"][data-edge-id="input-output"]');
  await expect(removedEdge).toHaveText('Edge input → output: Removed');
  await expect(node(page, 'delay').getByTestId('node-diff')).toHaveText('Added');
  await keep(page, 'compare-v1-v4');

  // v2 with v4: the delay changed, the edge was removed; swapped, the edge comes back.
  await bar.getByLabel('Compare from').selectOption('2');
  await expect
    .poll(() => canvasMarks(page))
    .toEqual({
      nodes: { input: 'unchanged', output: 'unchanged', delay: 'changed' },
      edges: { 'input-output': 'removed' },
    });
  await expect(delayMark).toContainText('config.ms: 1000 → 250');
  await keep(page, 'compare-v2-v4');
  await bar.getByText('All changes (2)').click();
  const changes = bar.getByRole('list', { name: 'All changes' });
  await expect(changes).toContainText('Node delay');
  await expect(changes).toContainText('config.ms: 1000 → 250');
  await expect(changes).toContainText('Edge input → output');
  await keep(page, 'compare-v2-v4-all-changes');
  await bar.getByRole('button', { name: 'Swap versions' }).click();
  await expect(bar.getByLabel('Compare from')).toHaveValue('4');
  await expect(bar.getByLabel('Compare with')).toHaveValue('2');
  await expect
    .poll(() => canvasMarks(page))
    .toEqual({
      nodes: { input: 'unchanged', output: 'unchanged', delay: 'changed' },
      edges: { 'input-output': 'added' },
    });
  await expect(delayMark).toContainText('config.ms: 250 → 1000');

  // The unsaved canvas is a side too: against v4 it differs by the new label only.
  await bar.getByLabel('Compare with').selectOption('unsaved');
  await expect
    .poll(() => canvasMarks(page))
    .toEqual({ nodes: { input: 'unchanged', output: 'unchanged', delay: 'changed' }, edges: {} });
  await expect(delayMark).toContainText('label: (none) → "Short wait"');
  await expect(delayMark).not.toContainText('config.ms');

  // Back to editing: the edit is there, unsaved, undoable; no marks are left.
  await bar.getByRole('button', { name: 'Back to editing' }).click();
  await expect(bar).toBeHidden();
  await expect
    .poll(() => canvasMarks(page))
    .toEqual({ nodes: { input: 'none', output: 'none', delay: 'none' }, edges: {} });
  await expect(node(page, 'delay').getByTestId('node-label')).toHaveText('Short wait');
  await expect(saveState(page)).toHaveText('Unsaved changes');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();

  // Restore v2 from its comparison: it becomes v5, the newest, and is what the canvas edits.
  await (await openHistory(page)).getByRole('button', { name: 'Compare version 2' }).click();
  await expect(bar.getByLabel('Compare with')).toHaveValue('2');
  await bar.getByRole('button', { name: 'Restore v2' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Restore version 2?' });
  await expect(confirm).toContainText('Your unsaved changes on the canvas are discarded.');
  await confirm.getByRole('button', { name: 'Restore' }).click();
  await expect(saveState(page)).toHaveText('Saved · v5');
  await expect(bar).toBeHidden();
  await expect
    .poll(() => canvasMarks(page))
    .toEqual({
      nodes: { input: 'none', output: 'none', delay: 'none' },
      edges: { 'input-output': 'unmarked' },
    });
  await expect(node(page, 'delay').getByTestId('node-label')).toHaveText('delay');
  const history = await openHistory(page);
  const newest = history.getByRole('listitem').first();
  await expect(newest).toHaveAccessibleName('Version 5');
  await expect(newest).toContainText('Restored version 2');
  await expect(newest).toContainText('current');
});
