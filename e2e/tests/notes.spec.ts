import { expect, test, type Page } from '@playwright/test';
import { node, openNewGraph } from './editor.helpers.js';

interface ExportedNote {
  id: string;
  text: string;
  color: string;
  size?: { width: number; height: number };
}

const note = (page: Page, id = 'note') => node(page, `note:${id}`);

async function exportedNotes(page: Page, id: string): Promise<ExportedNote[]> {
  const response = await page.request.get(
    `/trpc/graphs.export?input=${encodeURIComponent(JSON.stringify({ id }))}`,
  );
  expect(response.ok()).toBe(true);
  const { json } = ((await response.json()) as { result: { data: { json: string } } }).result.data;
  return (JSON.parse(json) as { notes?: ExportedNote[] }).notes ?? [];
}

async function size(page: Page): Promise<{ width: number; height: number }> {
  const box = await note(page).boundingBox();
  if (!box) throw new Error('note not visible');
  return { width: box.width, height: box.height };
}

test('a sticky note: add, write, resize, recolour, save; after a reload and in the export it is the same', async ({
  page,
}) => {
  const id = await openNewGraph(page);
  await page.getByRole('button', { name: 'Add note' }).click();
  const text = page.getByRole('textbox', { name: 'Note text' });
  await expect(text).toBeFocused();
  await page.keyboard.type('Rotate the API key\nevery month');
  await page.keyboard.press('Escape');
  await expect(text).toHaveCount(0);
  await expect(note(page).getByTestId('note-text')).toHaveText('Rotate the API key\nevery month');
  await expect(note(page)).toBeFocused();
  // Notes are not graph nodes: no ports, no problems, and the graph stays runnable.
  await expect(note(page).locator('.react-flow__handle')).toHaveCount(0);
  await page.getByRole('tab', { name: /Problems/ }).click();
  await expect(page.getByText('No problems: the graph can run.')).toBeVisible();

  // Resize from the bottom-right corner.
  const before = await size(page);
  const corner = note(page).locator('.react-flow__resize-control.handle.bottom.right');
  const at = await corner.boundingBox();
  if (!at) throw new Error('resize handle not visible');
  await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
  await page.mouse.down();
  await page.mouse.move(at.x + 120, at.y + 60, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await size(page)).width).toBeGreaterThan(before.width + 80);
  const resized = await size(page);

  await page
    .getByRole('radiogroup', { name: 'Note colour' })
    .getByRole('radio', { name: 'blue' })
    .click();
  await expect(note(page).getByTestId('note')).toHaveAttribute('data-color', 'blue');

  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'Save a new version' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('save-state')).toHaveText('Saved · v2');

  await page.reload();
  await expect(note(page).getByTestId('note-text')).toHaveText('Rotate the API key\nevery month');
  await expect(note(page).getByTestId('note')).toHaveAttribute('data-color', 'blue');
  await expect
    .poll(async () => Math.round((await size(page)).width))
    .toBe(Math.round(resized.width));

  const [exported] = await exportedNotes(page, id);
  expect(exported).toMatchObject({
    id: 'note',
    text: 'Rotate the API key\nevery month',
    color: 'blue',
  });
  expect(exported?.size?.width).toBeGreaterThan(200);
});

test('a note added with N under the pointer: undo removes it, redo brings it back, copy and paste, Enter edits', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openNewGraph(page);
  const pane = page.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  if (!box) throw new Error('canvas not visible');
  await page.mouse.click(box.x + 40, box.y + box.height - 120);
  await page.keyboard.press('n');
  await expect(note(page)).toBeVisible();
  const placed = await note(page).boundingBox();
  expect(placed && Math.abs(placed.x - (box.x + 40))).toBeLessThan(4);
  await page.keyboard.type('Draft');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+z');
  await expect(note(page).getByTestId('note-text')).toHaveText('Double-click to write');
  await page.keyboard.press('Control+z');
  await expect(note(page)).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(note(page)).toBeVisible();

  // Copy the note with a node; paste gives fresh ids for both.
  await note(page).click();
  await node(page, 'input').click({ modifiers: ['Control'] });
  await page.keyboard.press('Control+c');
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as {
    nodes: { id: string }[];
    notes: { id: string }[];
  };
  expect(copied.nodes.map((n) => n.id)).toEqual(['input']);
  expect(copied.notes.map((n) => n.id)).toEqual(['note']);
  await page.keyboard.press('Control+v');
  await expect(note(page, 'note-2')).toHaveClass(/selected/);
  await expect(node(page, 'input-2')).toHaveClass(/selected/);

  // Enter on a selected note edits it; Delete removes it.
  await pane.click({ position: { x: 10, y: 10 } });
  await note(page, 'note-2').click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Note text' })).toBeFocused();
  await page.keyboard.type('Copy');
  await page.keyboard.press('Escape');
  await expect(note(page, 'note-2').getByTestId('note-text')).toHaveText('Copy');
  await page.keyboard.press('Delete');
  await expect(note(page, 'note-2')).toHaveCount(0);
  await expect(note(page)).toBeVisible();
});

test('a sticky note resized with the keyboard: a labelled grip, arrows and Shift+arrows, one undo step, saved', async ({
  page,
}) => {
  const id = await openNewGraph(page);
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.keyboard.type('Resize me');
  await page.keyboard.press('Escape');
  await expect(note(page)).toBeFocused();
  const before = await note(page).boundingBox();
  if (!before) throw new Error('note not visible');

  // From the selected note, Tab reaches its resize grip, which says what it does.
  await page.keyboard.press('Tab');
  const grip = page.getByRole('button', { name: 'Resize note, 200 by 140 pixels' });
  await expect(grip).toBeFocused();
  await expect(grip).toHaveAccessibleDescription(/arrows change the width.*Shift/);

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('ArrowUp');
  const body = note(page).getByTestId('note');
  await expect(body).toHaveAttribute('data-width', '230');
  await expect(body).toHaveAttribute('data-height', '180');
  await expect(page.getByRole('button', { name: 'Resize note, 230 by 180 pixels' })).toBeFocused();
  // Drawn at the new size, in the same place: the arrows resized the note and did not move it.
  await expect
    .poll(async () => Math.round(((await size(page)).width / before.width) * 200))
    .toBe(230);
  const after = await note(page).boundingBox();
  expect(after && { x: Math.round(after.x), y: Math.round(after.y) }).toEqual({
    x: Math.round(before.x),
    y: Math.round(before.y),
  });

  // The burst of keys is one undo step; redo brings the size back.
  await page.keyboard.press('Control+z');
  await expect(body).toHaveAttribute('data-width', '200');
  await expect(body).toHaveAttribute('data-height', '140');
  await expect(note(page).getByTestId('note-text')).toHaveText('Resize me');
  await page.keyboard.press('Control+Shift+z');
  await expect(body).toHaveAttribute('data-width', '230');

  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'Save a new version' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const [exported] = await exportedNotes(page, id);
  expect(exported?.size).toEqual({ width: 230, height: 180 });
});
