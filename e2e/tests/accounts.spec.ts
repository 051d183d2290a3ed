import { expect, test, type Browser, type Page } from '@playwright/test';
import { appUrl, OWNER, ownerWorkspaceId, trpcMutation, trpcQuery } from './account.helpers.js';

// Accounts and workspaces in the browser: signing in and up, invitations, roles deciding what
// the editor offers (and the server refusing what it should not), sessions ended everywhere,
// API tokens. Each user gets a context of their own; the owner's UI session is a new one, so
// the owner session every other spec uses (global-setup.ts) is never signed out.

const NO_SESSION = { cookies: [], origins: [] };
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

function keep(page: Page, name: string) {
  return page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

async function signedOutPage(browser: Browser, baseURL = appUrl('main')): Promise<Page> {
  const context = await browser.newContext({ storageState: NO_SESSION, baseURL });
  return context.newPage();
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

async function dragNode(page: Page, nodeId: string, dx: number): Promise<void> {
  const box = await page.locator(`.react-flow__node[data-id="${nodeId}"]`).boundingBox();
  if (!box) throw new Error(`node ${nodeId} is not on the canvas`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2 + 30, { steps: 8 });
  await page.mouse.up();
}

async function save(page: Page, message: string): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Save a new version' });
  await dialog.getByLabel('Message (optional)').fill(message);
  await dialog.getByLabel('Message (optional)').press('Enter');
  await expect(dialog).toBeHidden();
}

const saveButton = (page: Page) => page.getByRole('button', { name: 'Save', exact: true });
const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });
const saveState = (page: Page) => page.getByTestId('save-state');

async function setRole(owner: Page, name: string, role: string): Promise<void> {
  await owner.getByLabel(`Role of ${name}`).selectOption(role);
  await expect(
    owner.getByRole('status').filter({ hasText: `${name} is now ${role}` }),
  ).toBeVisible();
}

async function inviteLink(owner: Page, email: string, role: string): Promise<string> {
  const form = owner.getByRole('form', { name: 'Invite someone' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption(role);
  await form.getByRole('button', { name: 'Invite' }).click();
  const link = owner.getByLabel('Invitation link');
  await expect(link).toHaveValue(/#\/invite\/[\w-]+$/);
  const url = await link.inputValue();
  await owner.getByRole('button', { name: 'Done' }).click();
  await expect(link).toHaveCount(0);
  return url;
}

test('the owner invites a viewer; roles decide what the editor offers and the server refuses the rest; signing out everywhere ends every session', async ({
  browser,
}) => {
  const id = unique();
  const invited = { name: `Vera ${id}`, email: `vera-${id}@e2e.test`, password: `vera-pw-${id}` };
  const graphName = `Team graph ${id}`;

  // Signed out, asking for the workspace settings: sign in first, then land there.
  const owner = await signedOutPage(browser);
  await owner.goto('/#/settings/workspace');
  await expect(owner.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await keep(owner, 'sign-in');
  await signIn(owner, OWNER.email, 'not the password');
  await expect(owner.getByRole('alert')).toHaveText('Wrong email or password.');
  await signIn(owner, OWNER.email, OWNER.password);
  await expect(owner.getByRole('heading', { level: 1, name: 'Workspace settings' })).toBeVisible();
  await expect(owner).toHaveURL(/#\/settings\/workspace$/);
  await expect(owner.getByRole('button', { name: `Account: ${OWNER.name}` })).toBeVisible();
  const graph = await trpcMutation<{ id: string }>(owner.request, 'graphs.create', {
    workspaceId: ownerWorkspaceId(),
    name: graphName,
  });

  // An invitation is revoked: its link no longer works. Another one is used.
  const revokedEmail = `revoked-${id}@e2e.test`;
  const revokedLink = await inviteLink(owner, revokedEmail, 'editor');
  const invitations = owner.getByRole('table', { name: 'Open invitations' });
  await invitations
    .getByRole('button', { name: `Revoke the invitation for ${revokedEmail}` })
    .click();
  await expect(invitations.getByText(revokedEmail)).toHaveCount(0);
  const link = await inviteLink(owner, invited.email, 'viewer');
  await expect(invitations.getByRole('row', { name: new RegExp(invited.email) })).toContainText(
    'viewer',
  );

  const viewer = await signedOutPage(browser);
  await viewer.goto(revokedLink);
  await expect(viewer.getByRole('alert')).toContainText('This invitation link cannot be used');

  // The invited person signs up through the link, the address given, and lands in the workspace.
  await viewer.goto(link);
  await expect(viewer.getByTestId('invitation-summary')).toContainText(
    `You are invited to join ${OWNER.name}'s workspace as viewer`,
  );
  const signUp = viewer.getByRole('form', { name: 'Create an account' });
  await expect(signUp.getByLabel('Email')).toHaveValue(invited.email);
  await expect(signUp.getByLabel('Email')).not.toBeEditable();
  await signUp.getByLabel('Name').fill(invited.name);
  await signUp.getByLabel('Password').fill(invited.password);
  await signUp.getByRole('button', { name: 'Create the account and join' }).click();
  await expect(
    viewer.getByRole('button', {
      name: `Workspace: ${OWNER.name}'s workspace, your role: viewer`,
    }),
  ).toBeVisible();
  await expect(viewer.getByRole('heading', { level: 1, name: 'Graphs' })).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'New graph' })).toHaveCount(0);

  await owner.reload();
  const members = owner.getByRole('table', { name: 'Members' });
  await expect(members.getByRole('row', { name: new RegExp(invited.email) })).toBeVisible();
  await expect(owner.getByLabel(`Role of ${invited.name}`)).toHaveValue('viewer');
  await keep(owner, 'members');

  // A viewer reads: the graph opens read-only, with no Save and no Run.
  const row = viewer
    .getByRole('listitem')
    .filter({ has: viewer.getByRole('link', { name: graphName }) });
  await row.getByRole('button', { name: `Actions for ${graphName}` }).click();
  await expect(viewer.getByRole('menuitem', { name: 'Export .json' })).toBeVisible();
  await expect(viewer.getByRole('menuitem', { name: /Rename|Delete|Duplicate/ })).toHaveCount(0);
  await viewer.keyboard.press('Escape');
  await viewer.goto(`/#/graphs/${graph.id}`);
  await expect(viewer.getByTestId('graph-readonly')).toHaveText(
    'Read-only: your role here is viewer',
  );
  await expect(viewer.locator('.react-flow__node')).toHaveCount(2);
  await expect(saveButton(viewer)).toHaveCount(0);
  await expect(runButton(viewer)).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'History', exact: true })).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Add note' })).toBeDisabled();

  // Made an editor, the same person saves; the version carries their name.
  await setRole(owner, invited.name, 'editor');
  await viewer.reload();
  await expect(viewer.getByTestId('graph-readonly')).toHaveCount(0);
  await dragNode(viewer, 'output', 80);
  await expect(saveState(viewer)).toHaveText('Unsaved changes');
  await save(viewer, 'Moved by the editor');
  await expect(saveState(viewer)).toHaveText('Saved · v2');
  await viewer.getByRole('button', { name: 'History', exact: true }).click();
  await expect(viewer.getByRole('listitem', { name: 'Version 2' })).toContainText(
    `by ${invited.name}`,
  );
  await viewer.keyboard.press('Escape');

  // Signing out everywhere from another browser ends this session too; signing in again
  // returns to the graph with its unsaved change, which then saves.
  await dragNode(viewer, 'output', -60);
  await expect(saveState(viewer)).toHaveText('Unsaved changes');
  const elsewhere = await signedOutPage(browser);
  await elsewhere.goto('/#/settings/account');
  await signIn(elsewhere, invited.email, invited.password);
  await elsewhere.getByRole('button', { name: 'Sign out everywhere' }).click();
  await elsewhere
    .getByRole('alertdialog', { name: 'Sign out everywhere?' })
    .getByRole('button', { name: 'Sign out everywhere' })
    .click();
  await expect(elsewhere.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

  await saveButton(viewer).click();
  await viewer
    .getByRole('dialog', { name: 'Save a new version' })
    .getByRole('button', { name: 'Save' })
    .click();
  await expect(viewer.getByText('Your session has ended.')).toBeVisible();
  await signIn(viewer, invited.email, invited.password);
  await expect(viewer.getByText('Your session has ended.')).toHaveCount(0);
  await expect(viewer).toHaveURL(new RegExp(`#/graphs/${graph.id}$`));
  await expect(saveState(viewer)).toHaveText('Unsaved changes');
  await save(viewer, 'Saved after signing in again');
  await expect(saveState(viewer)).toHaveText('Saved · v3');

  // Made a viewer again while the graph is open: the editor still offers Save, the server
  // refuses it and says why, and the editor catches up with the role.
  await setRole(owner, invited.name, 'viewer');
  await dragNode(viewer, 'output', 50);
  await save(viewer, 'Refused');
  await expect(
    viewer.getByRole('alert').filter({
      hasText: 'Your role here is viewer: to change graphs you need the editor role or above',
    }),
  ).toBeVisible();
  await expect(viewer.getByTestId('graph-readonly')).toHaveText(
    'Read-only: your role here is viewer',
  );
  await expect(saveButton(viewer)).toHaveCount(0);
  const stored = await owner.request.get(
    `/trpc/graphs.get?input=${encodeURIComponent(JSON.stringify({ id: graph.id }))}`,
  );
  expect(
    ((await stored.json()) as { result: { data: { version: number } } }).result.data.version,
  ).toBe(3);
});

test('someone with an account joins through a link: signed out, they sign in to accept; signed in, they accept', async ({
  browser,
  page,
}) => {
  const id = unique();
  const bea = { name: `Bea ${id}`, email: `bea-${id}@e2e.test`, password: `bea-pw-${id}` };
  const { token } = await trpcMutation<{ token: string }>(page.request, 'workspaces.invite', {
    workspaceId: ownerWorkspaceId(),
    email: bea.email,
    role: 'viewer',
  });
  const beaPage = await signedOutPage(browser);
  await beaPage.goto(`/#/invite/${token}`);
  const signUp = beaPage.getByRole('form', { name: 'Create an account' });
  await signUp.getByLabel('Name').fill(bea.name);
  await signUp.getByLabel('Password').fill(bea.password);
  await signUp.getByRole('button', { name: 'Create the account and join' }).click();
  await expect(beaPage.getByRole('heading', { level: 1, name: 'Graphs' })).toBeVisible();

  // Bea makes a workspace and invites the owner to it.
  const team = `Team ${id}`;
  await beaPage.getByTestId('workspace-switcher').click();
  await beaPage.getByRole('menuitem', { name: 'New workspace…' }).click();
  const dialog = beaPage.getByRole('dialog', { name: 'New workspace' });
  await dialog.getByLabel('Name').fill(team);
  await dialog.getByRole('button', { name: 'Create workspace' }).click();
  await expect(
    beaPage.getByRole('button', { name: `Workspace: ${team}, your role: owner` }),
  ).toBeVisible();
  await beaPage.goto('/#/settings/workspace');
  const teamLink = await inviteLink(beaPage, OWNER.email, 'editor');

  // Signed out, the owner signs in on the invitation page and is in.
  const owner = await signedOutPage(browser);
  await owner.goto(teamLink);
  await expect(owner.getByTestId('invitation-summary')).toContainText(`join ${team} as editor`);
  await owner.getByRole('button', { name: 'I have an account' }).click();
  const signIn = owner.getByRole('form', { name: 'Sign in' });
  await expect(signIn.getByLabel('Email')).toHaveValue(OWNER.email);
  await signIn.getByLabel('Password').fill(OWNER.password);
  await signIn.getByRole('button', { name: 'Sign in and join' }).click();
  await expect(
    owner.getByRole('button', { name: `Workspace: ${team}, your role: editor` }),
  ).toBeVisible();
  await expect(owner.getByRole('heading', { level: 1, name: 'Graphs' })).toBeVisible();

  // Signed in already, the owner opens another link and joins with one click.
  const me = await trpcQuery<{ workspaces: { workspaceId: string; name: string }[] }>(
    beaPage.request,
    'account.me',
    {},
  );
  const own = me.workspaces.find((workspace) => workspace.name === `${bea.name}'s workspace`);
  if (!own) throw new Error("Bea's own workspace is not listed");
  const second = await trpcMutation<{ token: string }>(beaPage.request, 'workspaces.invite', {
    workspaceId: own.workspaceId,
    email: OWNER.email,
    role: 'runner',
  });
  await owner.goto(`/#/invite/${second.token}`);
  await owner.getByRole('button', { name: `Join ${own.name}` }).click();
  await expect(
    owner.getByRole('button', { name: `Workspace: ${own.name}, your role: runner` }),
  ).toBeVisible();
});

test('an API token is shown once, works as a bearer token, and stops working when deleted', async ({
  browser,
  playwright,
}) => {
  const owner = await signedOutPage(browser);
  await owner.goto('/#/settings/account');
  await signIn(owner, OWNER.email, OWNER.password);
  await expect(owner.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  const name = `CI ${unique()}`;
  const form = owner.getByRole('form', { name: 'Create an API token' });
  await form.getByLabel('Token name').fill(name);
  await form.getByRole('button', { name: 'Create token' }).click();
  const shown = owner.getByLabel('New API token', { exact: true });
  await expect(shown).toHaveValue(/^blg_\w{20,}$/);
  const key = await shown.inputValue();
  const tokens = owner.getByRole('table', { name: 'API tokens' });
  const row = tokens.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(`${key.slice(0, 6)}…`);
  await expect(row).not.toContainText(key);

  // Shown once: gone after Done, and not after a reload either.
  await owner.getByRole('button', { name: 'Done' }).click();
  await expect(shown).toHaveCount(0);
  await owner.reload();
  await expect(row).toBeVisible();
  await expect(owner.locator(`input[value="${key}"]`)).toHaveCount(0);
  await expect(owner.getByText(key)).toHaveCount(0);

  // No cookie: the token alone is the caller.
  const script = await playwright.request.newContext({
    baseURL: appUrl('main'),
    storageState: NO_SESSION,
  });
  const bearer = { Authorization: `Bearer ${key}` };
  const me = await script.get('/trpc/account.me', { headers: bearer });
  expect(me.status()).toBe(200);
  const body = (await me.json()) as { result: { data: { user: { email: string } } } };
  expect(body.result.data.user.email).toBe(OWNER.email);
  expect((await script.get('/trpc/account.me')).status()).toBe(401);

  await row.getByRole('button', { name: `Delete the token ${name}` }).click();
  await owner.getByRole('alertdialog').getByRole('button', { name: 'Delete token' }).click();
  await expect(row).toHaveCount(0);
  expect((await script.get('/trpc/account.me', { headers: bearer })).status()).toBe(401);
  await script.dispose();
});

// On the OpenTelemetry test server, whose sign-in limit nothing else uses: after the limit's
// attempts in a minute from one address, the page says how long to wait.
test('too many sign-in attempts are refused with the time to wait', async ({ browser }) => {
  const baseURL = appUrl('otel');
  const page = await signedOutPage(browser, baseURL);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  const wrong = { email: OWNER.email, password: 'not the password' };
  let status = 0;
  for (let attempt = 0; attempt < 30 && status !== 429; attempt++) {
    const answer = await page.request.post('/api/auth/sign-in/email', {
      headers: { Origin: baseURL },
      data: wrong,
    });
    status = answer.status();
  }
  expect(status).toBe(429);
  await signIn(page, wrong.email, wrong.password);
  await expect(page.getByRole('alert')).toHaveText(/^Too many attempts: retry in \d+ s\.$/);
});
