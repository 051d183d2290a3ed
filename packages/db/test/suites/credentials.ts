import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { schema, type Database } from '../../src/index.js';
import { addUser, uniqueId } from '../fixtures.js';

/** A workspace of its own per test, owned by a new user. */
async function workspace(db: Database): Promise<{ id: string; owner: string }> {
  const owner = await addUser(db);
  const id = uniqueId('ws');
  await db.teams.createWorkspace({ id, name: 'Credentials', ownerId: owner });
  return { id, owner };
}

/** Credential repository behaviour: sealed values stored, never listed. */
export function credentialTests(database: () => Database): void {
  it('creates, then replaces a value in place, and lists names without values', async () => {
    const db = database();
    const { id: ws, owner } = await workspace(db);
    const first = await db.credentials.set({
      id: uniqueId('cred'),
      workspaceId: ws,
      name: 'openai',
      secret: 'v1:sealed-one',
      hint: 'sk-a',
      actorId: owner,
    });
    expect(first.created).toBe(true);
    expect(first.credential).not.toHaveProperty('secret');
    const replaced = await db.credentials.set({
      id: uniqueId('cred'),
      workspaceId: ws,
      name: 'openai',
      secret: 'v1:sealed-two',
      hint: '',
      actorId: 'user-1',
    });
    expect(replaced.created).toBe(false);
    expect(replaced.credential).toMatchObject({
      id: first.credential.id,
      hint: '',
      createdBy: owner,
      updatedBy: 'user-1',
    });
    expect(await db.credentials.get(ws, 'openai')).toMatchObject({ secret: 'v1:sealed-two' });
    await db.credentials.set({
      ...replaced.credential,
      id: uniqueId('cred'),
      name: 'github',
      secret: 'v1:g',
      actorId: owner,
    });
    const listed = await db.credentials.list(ws);
    expect(listed.map((c) => c.name)).toEqual(['github', 'openai']);
    expect(JSON.stringify(listed)).not.toContain('v1:');
    expect((await db.credentials.listSealed(ws)).map((c) => c.secret).sort()).toEqual([
      'v1:g',
      'v1:sealed-two',
    ]);
  });

  it('keeps each workspace to its own credentials, even under the same name', async () => {
    const db = database();
    const a = await workspace(db);
    const b = await workspace(db);
    const base = { name: 'shared-name', hint: '' };
    await db.credentials.set({
      ...base,
      id: uniqueId('c'),
      workspaceId: a.id,
      secret: 'v1:a',
      actorId: a.owner,
    });
    await db.credentials.set({
      ...base,
      id: uniqueId('c'),
      workspaceId: b.id,
      secret: 'v1:b',
      actorId: b.owner,
    });
    expect((await db.credentials.get(a.id, 'shared-name'))?.secret).toBe('v1:a');
    expect((await db.credentials.get(b.id, 'shared-name'))?.secret).toBe('v1:b');
    expect(await db.credentials.delete(a.id, 'shared-name')).toMatchObject({ workspaceId: a.id });
    expect(await db.credentials.delete(a.id, 'shared-name')).toBeUndefined();
    expect(await db.credentials.get(a.id, 'shared-name')).toBeUndefined();
    expect((await db.credentials.get(b.id, 'shared-name'))?.secret).toBe('v1:b');
  });

  it('renames with a new sealed value, refusing a name already taken', async () => {
    const db = database();
    const { id: ws, owner } = await workspace(db);
    const make = (name: string) =>
      db.credentials.set({
        id: uniqueId('c'),
        workspaceId: ws,
        name,
        secret: `v1:${name}`,
        hint: '',
        actorId: owner,
      });
    await make('old');
    await make('taken');
    const rename = (from: string, to: string) =>
      db.credentials.rename({ workspaceId: ws, from, to, secret: `v1:${to}`, actorId: owner });
    expect(await rename('old', 'taken')).toEqual({ ok: false, reason: 'exists' });
    expect(await rename('missing', 'other')).toEqual({ ok: false, reason: 'not_found' });
    expect(await rename('old', 'new')).toMatchObject({ ok: true, credential: { name: 'new' } });
    expect(await db.credentials.get(ws, 'old')).toBeUndefined();
    expect((await db.credentials.get(ws, 'new'))?.secret).toBe('v1:new');
  });

  it('records the use of a credential by a run once, whoever asks', async () => {
    const db = database();
    const { id: ws, owner } = await workspace(db);
    const { credential } = await db.credentials.set({
      id: uniqueId('c'),
      workspaceId: ws,
      name: 'api',
      secret: 'v1:x',
      hint: '',
      actorId: owner,
    });
    const use = (runId: string) =>
      db.credentials.recordUse({ workspaceId: ws, credential, runId, actorId: owner });
    const runId = uniqueId('run');
    const concurrent = await Promise.all([use(runId), use(runId), use(runId)]);
    expect(concurrent.filter(Boolean)).toHaveLength(1);
    expect(await use(uniqueId('run'))).toBe(true);
    const entries = await db.audit.list(ws);
    expect(entries.filter((e) => e.action === 'credential.use')).toHaveLength(2);
    expect(entries.find((e) => e.details?.runId === runId)).toMatchObject({
      actorId: owner,
      targetType: 'credential',
      targetId: credential.id,
      details: { name: 'api', runId },
    });
  });

  it('removes credentials with their workspace', async () => {
    const db = database();
    const { id: ws, owner } = await workspace(db);
    await db.credentials.set({
      id: uniqueId('c'),
      workspaceId: ws,
      name: 'n',
      secret: 'v1:n',
      hint: '',
      actorId: owner,
    });
    await db.orm.delete(schema.workspaces).where(eq(schema.workspaces.id, ws));
    expect(await db.credentials.list(ws)).toEqual([]);
  });
}
