import { expect, test } from '@playwright/test';

test('the home page shows the product and reports a healthy server', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Beluga Orchestration' })).toBeVisible();
  // The page's own script fetches /healthz from the real server and writes the answer here.
  await expect(page.locator('#status')).toHaveText('Server status: ok');
});
