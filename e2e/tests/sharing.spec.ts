import { expect, test, type Browser, type Page } from '@playwright/test';
import { ownerWorkspaceId, OWNER, trpcMutation } from './account.helpers.js';
import { openNewGraph } from './editor.helpers.js';

/** A browser context with no session, as someone who was sent a link. */
const signedOut = { storageState: { cookies: [], origins: [] } };

/** A second account, invited as an editor of the owner's workspace, signed in in its own context. */
async function secondUser(browser: Browser, owner: Page, name: string): Promise<Page> {
  const email = `${name.toLowerCase()}-${Date.now()}@e2e.test`;
  const { token } = await trpcMutation<{ token: string }>(owner.request, 'workspaces.invite', {
    workspaceId: ownerWorkspaceId(),
    email,
    role: 'editor',
  });
  const context = await browser.newContext(signedOut);
  const page = await context.newPage();
  const baseURL = new URL(owner.url()).origin;
  const signedUp = await page.request.post('/api/auth/sign-up/email', {
    headers: { Origin: baseURL, 'x-beluga-invitation': token },
    data: { name, email, password: 'a second e2e password' },
  });
  expect(signedUp.ok(), await signedUp.text()).toBe(true);
  return page;
}

test('a share link shows the graph read-only to someone signed out, until it is revoked', async ({
  page,
  browser,
}) => {
  const name = `Shared by link ${Date.now()}`;
  const graphId = await openNewGraph(page, name);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this graph' });
  await dialog.getByRole('button', { name: 'Create a link' }).click();
  const link = await dialog.getByRole('textbox', { name: 'New share link' }).inputValue();
  expect(link).toMatch(/#\/shared\/[\w-]{20,}$/);

  const visitor = await (await browser.newContext(signedOut)).newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(visitor.getByText(/Read-only · version 1/)).toBeVisible();
  await expect(visitor.locator('.react-flow__node')).toHaveCount(2);
  // Nothing to edit, save or run; importing a copy needs an account.
  await expect(visitor.getByRole('button', { name: /Save|Run/ })).toHaveCount(0);
  await expect(visitor.locator('.react-flow__node').first()).not.toHaveClass(/draggable/);
  await expect(visitor.getByRole('link', { name: 'Sign in to import a copy' })).toBeVisible();

  // Signed in, the same link offers a copy of the graph in one's own workspace.
  const importer = await page.context().newPage();
  await importer.goto(link);
  await importer.getByRole('button', { name: 'Import a copy' }).click();
  await expect(importer).toHaveURL(/#\/graphs\/[\w-]+$/);
  expect(importer.url()).not.toContain(graphId);
  await expect(importer.getByRole('heading', { level: 1, name })).toBeVisible();
  await importer.close();

  await dialog.getByRole('button', { name: 'Revoke' }).click();
  await expect(dialog.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  await visitor.reload();
  await expect(
    visitor.getByRole('heading', { name: 'This link is no longer valid' }),
  ).toBeVisible();
  await expect(visitor.locator('.react-flow__node')).toHaveCount(0);
  await visitor.context().close();
});

test('two people on the same graph see each other, and a save by one warns the other', async ({
  page,
  browser,
}) => {
  const graphId = await openNewGraph(page, `Presence ${Date.now()}`);
  const ana = await secondUser(browser, page, 'Ana');
  await ana.goto(`/#/graphs/${graphId}`);

  await expect(page.getByRole('status', { name: 'Ana is here' })).toBeVisible();
  await expect(ana.getByRole('status', { name: `${OWNER.name} is here` })).toBeVisible();

  // The owner has unsaved edits when Ana saves version 2.
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByTestId('save-state')).toHaveText(/Unsaved changes/);
  await ana.getByRole('button', { name: 'Add note' }).click();
  await ana.getByRole('button', { name: 'Save', exact: true }).click();
  await ana
    .getByRole('dialog', { name: 'Save a new version' })
    .getByRole('button', { name: 'Save' })
    .click();
  await expect(ana.getByTestId('save-state')).toHaveText(/Saved · v2/);
  await expect(
    page.getByText('Ana saved version 2 — your save will ask before overwriting'),
  ).toBeVisible();

  await ana.context().close();
  await expect(page.getByRole('status', { name: 'Ana is here' })).toHaveCount(0);
});
