import { expect, test } from '@playwright/test';

test('a new graph is created from the graph list and opens on the canvas', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Graphs' })).toBeVisible();
  await page.getByRole('button', { name: 'New graph' }).click();
  await expect(page).toHaveURL(/#\/graphs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Untitled graph' })).toBeVisible();
  // A new graph starts with an input and an output node, drawn by React Flow.
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await page.goto('/');
  await expect(page.getByRole('link', { name: /Untitled graph/ })).toBeVisible();
});
