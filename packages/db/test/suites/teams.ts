import { expect, it } from 'vitest';
import type { Database } from '../../src/index.js';
import { addUser, createGraph, TEST_WORKSPACE, uniqueId } from '../fixtures.js';

/** Workspaces, members, invitations and graph access. */
export function teamTests(database: () => Database): void {
  it('lists a user their workspaces with their role, and never leaves one without an owner', async () => {
    const db = database();
    const owner = await addUser(db);
    const other = await addUser(db);
    const id = uniqueId('ws');
    await db.teams.createWorkspace({ id, name: 'Alpha', ownerId: owner });
    expect(await db.teams.memberships(owner)).toEqual([
      { workspaceId: id, name: 'Alpha', role: 'owner' },
    ]);
    expect(await db.teams.roleOf(id, other)).toBeUndefined();
    expect(await db.teams.setRole(id, other, 'editor')).toBe('not_member');
    expect(await db.teams.setRole(id, owner, 'admin')).toBe('last_owner');
    expect(await db.teams.removeMember(id, owner)).toBe('last_owner');
    expect(await db.teams.roleOf(id, owner)).toBe('owner');
  });

  it('accepts an invitation once, before it expires, and keeps the wider role', async () => {
    const db = database();
    const owner = await addUser(db);
    const invitee = await addUser(db);
    const id = uniqueId('ws');
    await db.teams.createWorkspace({ id, name: 'Beta', ownerId: owner });
    const invite = (role: 'viewer' | 'editor', tokenHash: string, expiresAt: Date) =>
      db.teams.createInvitation({
        id: uniqueId('inv'),
        workspaceId: id,
        email: 'someone@example.test',
        role,
        tokenHash,
        invitedBy: owner,
        expiresAt,
      });
    const later = new Date(Date.now() + 60_000);
    await invite('editor', uniqueId('hash'), new Date(Date.now() - 1));
    expect(await db.teams.listInvitations(id)).toEqual([]);
    const hash = uniqueId('hash');
    const open = await invite('editor', hash, later);
    expect((await db.teams.listInvitations(id)).map((i) => i.id)).toEqual([open.id]);
    expect(await db.teams.acceptInvitation(hash, invitee)).toMatchObject({ acceptedBy: invitee });
    expect(await db.teams.acceptInvitation(hash, invitee)).toBeUndefined();
    expect(await db.teams.roleOf(id, invitee)).toBe('editor');
    const narrower = uniqueId('hash');
    await invite('viewer', narrower, later);
    await db.teams.acceptInvitation(narrower, invitee);
    expect(await db.teams.roleOf(id, invitee)).toBe('editor');
    const revoked = await invite('viewer', uniqueId('hash'), later);
    expect(await db.teams.revokeInvitation(id, revoked.id)).toBe(true);
    expect(await db.teams.revokeInvitation(id, revoked.id)).toBe(false);
  });

  it("gives a graph's access by membership and by shares with the user's workspaces", async () => {
    const db = database();
    const graph = await createGraph(db);
    expect(await db.teams.graphAccess(graph.id, 'user-1')).toEqual({
      workspaceId: TEST_WORKSPACE,
      role: 'owner',
      shared: null,
    });
    const outsider = await addUser(db);
    expect(await db.teams.graphAccess(graph.id, outsider)).toEqual({
      workspaceId: TEST_WORKSPACE,
      role: undefined,
      shared: null,
    });
    expect(await db.teams.graphAccess(uniqueId('nothing'), outsider)).toBeUndefined();
    const theirs = uniqueId('ws');
    await db.teams.createWorkspace({ id: theirs, name: 'Theirs', ownerId: outsider });
    const viewerThere = await addUser(db);
    await db.teams.createInvitation({
      id: uniqueId('inv'),
      workspaceId: theirs,
      email: 'v@example.test',
      role: 'viewer',
      tokenHash: `${theirs}-v`,
      invitedBy: outsider,
      expiresAt: new Date(Date.now() + 60_000),
    });
    await db.teams.acceptInvitation(`${theirs}-v`, viewerThere);
    const { graphShares } = (await import('../../src/index.js')).schema;
    await db.orm.insert(graphShares).values({
      graphId: graph.id,
      workspaceId: theirs,
      access: 'editor',
      createdAt: new Date(),
      createdBy: 'user-1',
    });
    expect((await db.teams.graphAccess(graph.id, outsider))?.shared).toBe('editor');
    // An editor share reaches a viewer of the workspace as read-only.
    expect((await db.teams.graphAccess(graph.id, viewerThere))?.shared).toBe('viewer');
    const listed = await db.graphs.list({ workspaceId: theirs });
    expect(listed.map((g) => [g.id, g.sharedAccess])).toEqual([[graph.id, 'editor']]);
  });

  it('keeps the first secret made for a name, for every server on the database', async () => {
    const db = database();
    const name = uniqueId('secret');
    const first = await db.teams.instanceSecret(name, () => 'made first');
    const second = await db.teams.instanceSecret(name, () => 'made second');
    expect([first, second]).toEqual(['made first', 'made first']);
  });

  it('claims workspaces nobody belongs to (data from before accounts) for a user', async () => {
    const db = database();
    const user = await addUser(db);
    const claimed = await db.teams.claimOrphanWorkspaces(user);
    for (const id of claimed) expect(await db.teams.roleOf(id, user)).toBe('owner');
    expect(await db.teams.claimOrphanWorkspaces(user)).toEqual([]);
  });
}
