import { expect, test, type Page } from '@playwright/test';
import { ownerWorkspaceId, trpcMutation } from './account.helpers.js';

// Stored XSS: what one member types is shown to every other member. Markup in a graph's name,
// its description, a node's label and a sticky note must come back as text everywhere it is
// drawn, and never run.

const PAYLOAD = '<img src=x onerror="window.__xss=1"> <script>window.__xss=1</script>';

async function noScriptRan(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('script', { hasText: '__xss' })).toHaveCount(0);
}

test('markup in a graph name, description, node label and note shows as text and never runs', async ({
  page,
}) => {
  const name = `${PAYLOAD} ${Date.now().toString(36)}`;
  const document = {
    format: 'beluga.graph/v1',
    id: 'imported',
    name,
    description: PAYLOAD,
    nodes: [
      { id: 'in', type: 'input', position: { x: 0, y: 0 }, config: { fields: [] } },
      {
        id: 'shape',
        type: 'transform',
        label: PAYLOAD,
        position: { x: 300, y: 0 },
        config: { expression: '$' },
      },
      { id: 'out', type: 'output', position: { x: 600, y: 0 }, config: {} },
    ],
    edges: [
      { id: 'e1', source: 'in', target: 'shape' },
      { id: 'e2', source: 'shape', target: 'out' },
    ],
    notes: [{ id: 'note', text: PAYLOAD, position: { x: 0, y: 200 }, color: 'yellow' }],
  };
  const { graph } = await trpcMutation<{ graph: { id: string } }>(page.request, 'graphs.import', {
    workspaceId: ownerWorkspaceId(),
    document,
  });

  // The list: the name as the link's text, the description as a paragraph.
  await page.goto('/');
  const link = page.getByRole('link', { name, exact: true });
  await expect(link).toHaveText(name);
  const row = page.getByRole('listitem').filter({ has: link });
  await expect(row.getByText(PAYLOAD, { exact: true })).toBeVisible();
  await noScriptRan(page);

  // The editor: the name as the heading, the label on the node, the note's text.
  await link.click();
  await expect(page).toHaveURL(new RegExp(`#/graphs/${graph.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  const shape = page.locator('.react-flow__node[data-id="shape"]');
  await expect(shape.getByTestId('node-label')).toHaveText(PAYLOAD);
  await expect(
    page.locator('.react-flow__node[data-id="note:note"]').getByTestId('note-text'),
  ).toHaveText(PAYLOAD);
  await noScriptRan(page);

  // The inspector: the label as the field's value.
  await shape.click();
  await expect(page.getByRole('form', { name: `Node ${PAYLOAD}` }).getByLabel('Label')).toHaveValue(
    PAYLOAD,
  );
  await noScriptRan(page);
});
