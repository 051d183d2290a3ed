import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from './db.js';
import {
  graphShares,
  graphs,
  instance,
  instanceSecrets,
  invitations,
  users,
  workspaceMembers,
  workspaces,
} from './schema.js';
import type {
  GraphAccess,
  InvitationRecord,
  MemberRecord,
  Membership,
  TeamRepository,
  WorkspaceRole,
} from './types.js';

/** Wider roles rank higher: each can do all that the ones below it can. */
export const ROLE_RANK: Record<WorkspaceRole, number> = {
  viewer: 0,
  runner: 1,
  editor: 2,
  admin: 3,
  owner: 4,
};

type InvitationRow = typeof invitations.$inferSelect;

/** The membership row of `userId` in a workspace (an id, or a column to join on). */
function membership(workspaceId: string | AnyPgColumn, userId: string) {
  return and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId));
}

/** A workspace's member rows, locked: two changes at once cannot both leave it ownerless. */
function lockMembers(tx: Pick<Db, 'select'>, workspaceId: string) {
  return tx
    .select({ userId: workspaceMembers.userId, role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .for('update');
}

function toInvitation(row: InvitationRow): InvitationRecord {
  const { tokenHash: _tokenHash, ...rest } = row;
  return { ...rest, role: row.role as InvitationRecord['role'] };
}

/** Accounts' workspaces, members, invitations and the instance's owner (see TeamRepository). */
export function createTeamRepository(db: Db): TeamRepository {
  return {
    async claimInstance(userId) {
      const claimed = await db
        .insert(instance)
        .values({ id: 1, ownerId: userId, createdAt: new Date() })
        .onConflictDoNothing()
        .returning({ id: instance.id });
      return claimed.length > 0;
    },

    async instanceSecret(name, make) {
      // The first server to ask stores it; every other one, now or later, reads that one.
      await db
        .insert(instanceSecrets)
        .values({ name, value: make(), createdAt: new Date() })
        .onConflictDoNothing();
      const [row] = await db
        .select({ value: instanceSecrets.value })
        .from(instanceSecrets)
        .where(eq(instanceSecrets.name, name));
      return row!.value;
    },

    async instanceOwner() {
      const [row] = await db.select({ ownerId: instance.ownerId }).from(instance);
      return row?.ownerId ?? undefined;
    },

    async countUsers() {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
      return row?.n ?? 0;
    },

    async createWorkspace({ id, name, ownerId }) {
      const now = new Date();
      return db.transaction(async (tx) => {
        await tx.insert(workspaces).values({ id, name, createdAt: now, createdBy: ownerId });
        await tx
          .insert(workspaceMembers)
          .values({ workspaceId: id, userId: ownerId, role: 'owner', createdAt: now });
        return { workspaceId: id, name, role: 'owner' as const };
      });
    },

    async claimOrphanWorkspaces(userId) {
      // Workspaces nobody belongs to (the "default" one made for data from before accounts).
      const orphans = await db
        .select({ id: workspaces.id })
        .from(workspaces)
        .where(
          sql`not exists (select 1 from ${workspaceMembers} where ${workspaceMembers.workspaceId} = ${workspaces.id})`,
        );
      if (orphans.length === 0) return [];
      await db
        .insert(workspaceMembers)
        .values(
          orphans.map(({ id }) => ({
            workspaceId: id,
            userId,
            role: 'owner',
            createdAt: new Date(),
          })),
        )
        .onConflictDoNothing();
      return orphans.map(({ id }) => id);
    },

    async memberships(userId) {
      const rows = await db
        .select({
          workspaceId: workspaces.id,
          name: workspaces.name,
          role: workspaceMembers.role,
        })
        .from(workspaceMembers)
        .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
        .where(eq(workspaceMembers.userId, userId))
        .orderBy(asc(workspaces.name), asc(workspaces.id));
      return rows as Membership[];
    },

    async roleOf(workspaceId, userId) {
      const [row] = await db
        .select({ role: workspaceMembers.role })
        .from(workspaceMembers)
        .where(membership(workspaceId, userId));
      return row?.role as WorkspaceRole | undefined;
    },

    async graphAccess(graphId, userId): Promise<GraphAccess | undefined> {
      const [graph] = await db
        .select({ workspaceId: graphs.workspaceId, role: workspaceMembers.role })
        .from(graphs)
        .leftJoin(workspaceMembers, membership(graphs.workspaceId, userId))
        .where(eq(graphs.id, graphId));
      if (!graph) return undefined;
      // Shares with workspaces the user belongs to: the widest one counts.
      const shares = await db
        .select({ access: graphShares.access, role: workspaceMembers.role })
        .from(graphShares)
        .innerJoin(workspaceMembers, membership(graphShares.workspaceId, userId))
        .where(eq(graphShares.graphId, graphId));
      let shared: GraphAccess['shared'] = null;
      for (const share of shares) {
        // An editor share lets the workspace's editors and above edit; its others only read.
        const access =
          share.access === 'editor' && ROLE_RANK[share.role as WorkspaceRole] >= ROLE_RANK.editor
            ? 'editor'
            : 'viewer';
        if (shared !== 'editor') shared = access;
      }
      return {
        workspaceId: graph.workspaceId,
        role: (graph.role ?? undefined) as WorkspaceRole | undefined,
        shared,
      };
    },

    async members(workspaceId): Promise<MemberRecord[]> {
      const rows = await db
        .select({
          userId: users.id,
          name: users.name,
          email: users.email,
          role: workspaceMembers.role,
          since: workspaceMembers.createdAt,
        })
        .from(workspaceMembers)
        .innerJoin(users, eq(users.id, workspaceMembers.userId))
        .where(eq(workspaceMembers.workspaceId, workspaceId))
        .orderBy(asc(users.name), asc(users.id));
      return rows as MemberRecord[];
    },

    async setRole(workspaceId, userId, role) {
      return db.transaction(async (tx) => {
        const current = await lockMembers(tx, workspaceId);
        const member = current.find((row) => row.userId === userId);
        if (!member) return 'not_member' as const;
        const owners = current.filter((row) => row.role === 'owner').length;
        if (member.role === 'owner' && role !== 'owner' && owners === 1)
          return 'last_owner' as const;
        await tx.update(workspaceMembers).set({ role }).where(membership(workspaceId, userId));
        return 'ok' as const;
      });
    },

    async removeMember(workspaceId, userId) {
      return db.transaction(async (tx) => {
        const current = await lockMembers(tx, workspaceId);
        const member = current.find((row) => row.userId === userId);
        if (!member) return 'not_member' as const;
        if (member.role === 'owner' && current.filter((row) => row.role === 'owner').length === 1)
          return 'last_owner' as const;
        await tx.delete(workspaceMembers).where(membership(workspaceId, userId));
        return 'ok' as const;
      });
    },

    async createInvitation(input) {
      const [row] = await db
        .insert(invitations)
        .values({ ...input, createdAt: new Date() })
        .returning();
      return toInvitation(row!);
    },

    async listInvitations(workspaceId) {
      const rows = await db
        .select()
        .from(invitations)
        .where(
          and(
            eq(invitations.workspaceId, workspaceId),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, new Date()),
          ),
        )
        .orderBy(asc(invitations.createdAt));
      return rows.map(toInvitation);
    },

    async findInvitation(tokenHash) {
      const [row] = await db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
      return row && toInvitation(row);
    },

    async acceptInvitation(tokenHash, userId) {
      const now = new Date();
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(invitations)
          .set({ acceptedAt: now, acceptedBy: userId })
          .where(
            and(
              eq(invitations.tokenHash, tokenHash),
              isNull(invitations.acceptedAt),
              isNull(invitations.revokedAt),
              gt(invitations.expiresAt, now),
            ),
          )
          .returning();
        if (!row) return undefined;
        // Someone already a member keeps the wider of the two roles.
        const [existing] = await tx
          .select({ role: workspaceMembers.role })
          .from(workspaceMembers)
          .where(membership(row.workspaceId, userId));
        if (!existing)
          await tx
            .insert(workspaceMembers)
            .values({ workspaceId: row.workspaceId, userId, role: row.role, createdAt: now });
        else if (ROLE_RANK[row.role as WorkspaceRole] > ROLE_RANK[existing.role as WorkspaceRole])
          await tx
            .update(workspaceMembers)
            .set({ role: row.role })
            .where(membership(row.workspaceId, userId));
        return toInvitation(row);
      });
    },

    async revokeInvitation(workspaceId, id) {
      const revoked = await db
        .update(invitations)
        .set({ revokedAt: new Date() })
        .where(
          and(
            eq(invitations.id, id),
            eq(invitations.workspaceId, workspaceId),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
          ),
        )
        .returning({ id: invitations.id });
      return revoked.length > 0;
    },

    async userNames(ids) {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(inArray(users.id, [...new Set(ids)]));
      return new Map(rows.map((row) => [row.id, row.name]));
    },

    async workspaceName(workspaceId) {
      const [row] = await db
        .select({ name: workspaces.name })
        .from(workspaces)
        .where(eq(workspaces.id, workspaceId));
      return row?.name;
    },

    async renameWorkspace(workspaceId, name) {
      const renamed = await db
        .update(workspaces)
        .set({ name })
        .where(eq(workspaces.id, workspaceId))
        .returning({ id: workspaces.id });
      return renamed.length > 0;
    },
  };
}
