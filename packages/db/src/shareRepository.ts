import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from './db.js';
import { graphShares, shareLinks, workspaces } from './schema.js';
import type { GraphShareRecord, ShareAccess, ShareLinkRecord, ShareRepository } from './types.js';

type LinkRow = typeof shareLinks.$inferSelect;

function toLink(row: LinkRow): ShareLinkRecord {
  const { tokenHash: _tokenHash, ...link } = row;
  return link;
}

/** Graph shares with other workspaces and read-only links (see {@link ShareRepository}). */
export function createShareRepository(db: Db): ShareRepository {
  return {
    async list(graphId) {
      const rows = await db
        .select({
          graphId: graphShares.graphId,
          workspaceId: graphShares.workspaceId,
          workspaceName: workspaces.name,
          access: graphShares.access,
          createdAt: graphShares.createdAt,
          createdBy: graphShares.createdBy,
        })
        .from(graphShares)
        .innerJoin(workspaces, eq(workspaces.id, graphShares.workspaceId))
        .where(eq(graphShares.graphId, graphId))
        .orderBy(asc(workspaces.name), asc(graphShares.workspaceId));
      return rows as GraphShareRecord[];
    },

    async share({ graphId, workspaceId, access, createdBy }) {
      return db.transaction(async (tx) => {
        const [before] = await tx
          .select({ access: graphShares.access })
          .from(graphShares)
          .where(and(eq(graphShares.graphId, graphId), eq(graphShares.workspaceId, workspaceId)))
          .for('update');
        // Sharing again changes the access and keeps who shared it first, and when.
        await tx
          .insert(graphShares)
          .values({ graphId, workspaceId, access, createdBy, createdAt: new Date() })
          .onConflictDoUpdate({
            target: [graphShares.graphId, graphShares.workspaceId],
            set: { access },
          });
        return { previous: (before?.access ?? null) as ShareAccess | null };
      });
    },

    async unshare(graphId, workspaceId) {
      const [removed] = await db
        .delete(graphShares)
        .where(and(eq(graphShares.graphId, graphId), eq(graphShares.workspaceId, workspaceId)))
        .returning({ access: graphShares.access });
      return removed ? (removed.access as ShareAccess) : undefined;
    },

    async links(graphId) {
      const rows = await db
        .select()
        .from(shareLinks)
        .where(eq(shareLinks.graphId, graphId))
        .orderBy(asc(shareLinks.createdAt), asc(shareLinks.id));
      return rows.map(toLink);
    },

    async createLink(input) {
      const [row] = await db
        .insert(shareLinks)
        .values({ ...input, createdAt: new Date() })
        .returning();
      return toLink(row!);
    },

    async revokeLink(graphId, linkId) {
      const revoked = await db
        .update(shareLinks)
        .set({ revokedAt: new Date() })
        .where(
          and(
            eq(shareLinks.id, linkId),
            eq(shareLinks.graphId, graphId),
            isNull(shareLinks.revokedAt),
          ),
        )
        .returning({ id: shareLinks.id });
      return revoked.length > 0;
    },

    async findOpenLink(tokenHash) {
      const [row] = await db
        .select()
        .from(shareLinks)
        .where(and(eq(shareLinks.tokenHash, tokenHash), isNull(shareLinks.revokedAt)));
      return row && toLink(row);
    },
  };
}
