import { expect, test } from '@playwright/test';
import { center, drawEdge, dropFromPalette, handle, node, openNewGraph } from './editor.helpers.js';

test('draws input → transform → output: palette drag, a refused connection with its reason, edge delete', async ({
  page,
}) => {
  await openNewGraph(page);
  await dropFromPalette(page, 'Transform', { x: 360, y: 60 });
  const transform = node(page, 'transform');
  await expect(transform).toBeVisible();
  await expect(transform.getByTestId('node-label')).toHaveText('transform');
  await expect(transform.getByText('Transform', { exact: true })).toBeVisible();

  await drawEdge(
    page,
    handle(page, 'input', 'source', 'out'),
    handle(page, 'transform', 'target', 'in'),
  );
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);

  // output.in already takes input's edge and accepts one: refused, and the toast says why.
  await drawEdge(
    page,
    handle(page, 'transform', 'source', 'out'),
    handle(page, 'output', 'target', 'in'),
  );
  await expect(page.getByRole('alert').filter({ hasText: 'Connection refused' })).toContainText(
    'takes one edge and is already connected',
  );
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);

  // A cycle is refused too.
  await drawEdge(
    page,
    handle(page, 'transform', 'source', 'out'),
    handle(page, 'transform', 'target', 'in'),
  );
  await expect(page.getByRole('alert').filter({ hasText: 'Connection refused' })).toContainText(
    'cannot be connected to itself',
  );

  // Select the old input → output edge by clicking its middle, then delete it.
  const a = await center(handle(page, 'input', 'source', 'out'));
  const b = await center(handle(page, 'output', 'target', 'in'));
  await page.mouse.click((a.x + b.x) / 2, (a.y + b.y) / 2);
  await expect(page.locator('.react-flow__edge[data-id="input-output"]')).toHaveClass(/selected/);
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await drawEdge(
    page,
    handle(page, 'transform', 'source', 'out'),
    handle(page, 'output', 'target', 'in'),
  );
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await page.getByRole('tab', { name: /Problems/ }).click();
  await expect(page.getByText('No problems: the graph can run.')).toBeVisible();
});

test('validation problems show on the node and in the problems panel; a click focuses the node; plan overlay', async ({
  page,
}) => {
  await openNewGraph(page);
  await page.getByRole('button', { name: /^Add Transform:/ }).click();
  const transform = node(page, 'transform');
  await expect(transform.getByTestId('node-problem')).toBeVisible();
  await expect(transform.getByTestId('node-problem')).toHaveAttribute(
    'aria-label',
    /must be connected/,
  );

  await page.getByRole('tab', { name: /Problems/ }).click();
  const problem = page
    .getByTestId('problem')
    .filter({ hasText: 'the input "in" must be connected' });
  await expect(problem).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await expect(transform).not.toHaveClass(/selected/);
  await problem.click();
  await expect(transform).toHaveClass(/selected/);
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await expect(page.getByRole('form', { name: 'Node transform' })).toBeVisible();

  // The plan of the valid part: layers on the nodes once shown.
  await page.keyboard.press('Escape');
  await page.keyboard.press('p');
  await expect(node(page, 'input').getByTestId('plan-layer')).toHaveText('L1');
  await expect(node(page, 'output').getByTestId('plan-layer')).toHaveText('L2');
});

test('the inspector edits config from the schema, with an inline error for an invalid value then fixed', async ({
  page,
}) => {
  await openNewGraph(page);
  await page.getByRole('button', { name: /^Add Delay:/ }).click();
  const form = page.getByRole('form', { name: 'Node delay' });
  const ms = form.getByLabel('Milliseconds');
  await expect(ms).toHaveValue('1000');
  await ms.fill('-5');
  const error = form.getByTestId('field-error');
  await expect(error).toBeVisible();
  await expect(ms).toHaveAttribute('aria-invalid', 'true');
  await expect(node(page, 'delay').getByTestId('node-problem')).toHaveAttribute(
    'aria-label',
    /config\.ms/,
  );
  await ms.fill('250');
  await expect(error).toHaveCount(0);

  await form.getByLabel('Label').fill('Short wait');
  await expect(node(page, 'delay').getByTestId('node-label')).toHaveText('Short wait');

  // Nested objects and multi-line prompts of an LLM node.
  await page.getByRole('button', { name: /^Add LLM/ }).click();
  const llm = page.getByRole('form', { name: /Node llm-chat/ });
  await expect(llm.getByRole('group', { name: 'Memory' })).toBeVisible();
  await expect(llm.getByLabel('System')).toHaveJSProperty('tagName', 'TEXTAREA');

  // Lists of objects: the input node's fields.
  await node(page, 'input').click();
  const input = page.getByRole('form', { name: 'Node input' });
  await input.getByRole('button', { name: 'Add field' }).click();
  await input.getByLabel('Name').fill('city');
  await expect(input.getByLabel('Type')).toHaveValue('string');
});

test('undo and redo, copy and paste (also into another graph), auto-layout', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openNewGraph(page);
  await page.getByRole('button', { name: /^Add Transform:/ }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(3);

  await node(page, 'transform').click();
  await page.keyboard.press('Control+c');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(copied)).toMatchObject({
    kind: 'beluga.clipboard/v1',
    nodes: [{ id: 'transform' }],
  });
  await page.keyboard.press('Control+v');
  await expect(node(page, 'transform-2')).toBeVisible();
  await expect(node(page, 'transform-2')).toHaveClass(/selected/);

  // Auto-layout: input → transform → output end up left to right.
  await drawEdge(
    page,
    handle(page, 'input', 'source', 'out'),
    handle(page, 'transform', 'target', 'in'),
  );
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect
    .poll(
      async () => (await center(node(page, 'transform'))).x > (await center(node(page, 'input'))).x,
    )
    .toBe(true);

  // Leaving the unsaved graph asks first (the saving feature's guard): yes, leave.
  page.once('dialog', (dialog) => void dialog.accept());
  await openNewGraph(page);
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Control+v');
  await expect(node(page, 'transform')).toBeVisible();
});

test('keyboard only: open the palette, add a node, edit its label; the cheat sheet', async ({
  page,
}) => {
  await openNewGraph(page);
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search node types')).toBeFocused();
  await page.keyboard.type('delay');
  await page.keyboard.press('Enter');
  await expect(node(page, 'delay')).toBeVisible();
  await expect(page.locator('#inspector-label')).toBeFocused();
  await page.keyboard.type('Pause');
  await expect(node(page, 'delay').getByTestId('node-label')).toHaveText('Pause');

  // Escape leaves the field; arrow keys walk the palette; Enter on an item adds it.
  await page.keyboard.press('Escape');
  await page.keyboard.press('/');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('merge');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('button', { name: /^Add Merge:/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(node(page, 'merge')).toBeVisible();

  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Auto-layout');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});
