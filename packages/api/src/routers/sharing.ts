import type { Database } from '@beluga/db';
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { graphProcedure, roleCan } from '../access.js';
import { hashToken } from '../auth/auth.js';
import { apiError, notFound } from '../errors.js';
import { IdInput } from '../inputs.js';
import { router } from '../trpc.js';

const AccessInput = z.enum(['viewer', 'editor']);

/** The graph's name for audit details: the log outlives the graph. */
async function graphName(ctx: { db: Database }, graphId: string) {
  return (await ctx.db.graphs.get(graphId))?.name ?? null;
}

export const sharingRouter = router({
  /**
   * Who the graph is shared with, and its links. Members of the graph's own workspace see all;
   * someone reaching it through a share sees only the shares with their own workspaces (the
   * other workspaces' names are not theirs to know) and no links.
   */
  list: graphProcedure('read').query(async ({ ctx, input }) => {
    const { role } = ctx.access;
    const shares = await ctx.db.shares.list(input.id);
    const visible = role === undefined ? await ownWorkspaces(ctx, shares) : shares;
    const links = role === undefined ? [] : await ctx.db.shares.links(input.id);
    const names = await ctx.db.teams.userNames([
      ...visible.map((share) => share.createdBy),
      ...links.map((link) => link.createdBy),
    ]);
    return {
      canManage: roleCan(role, 'manage'),
      shares: visible.map((share) => ({
        ...share,
        createdByName: names.get(share.createdBy) ?? null,
      })),
      links: links.map((link) => ({ ...link, createdByName: names.get(link.createdBy) ?? null })),
    };
  }),

  /** Shares the graph with another workspace, or changes that share's access. */
  share: graphProcedure('manage')
    .input(z.object({ workspaceId: IdInput, access: AccessInput }))
    .mutation(async ({ ctx, input }) => {
      const own = ctx.access.workspaceId;
      if (input.workspaceId === own)
        throw apiError({
          code: 'BAD_REQUEST',
          errorCode: 'SHARE_WITH_OWN_WORKSPACE',
          message: 'The graph belongs to this workspace already: share it with another one',
          field: 'workspaceId',
        });
      const target = await ctx.db.teams.workspaceName(input.workspaceId);
      if (target === undefined) throw notFound('Workspace', input.workspaceId);
      const { previous } = await ctx.db.shares.share({
        graphId: input.id,
        workspaceId: input.workspaceId,
        access: input.access,
        createdBy: ctx.user.id,
      });
      await ctx.audit({
        workspaceId: own,
        action: 'graph.share',
        targetType: 'graph',
        targetId: input.id,
        details: {
          graphName: await graphName(ctx, input.id),
          workspaceId: input.workspaceId,
          workspaceName: target,
          access: input.access,
          previous,
        },
      });
      return { workspaceId: input.workspaceId, workspaceName: target, access: input.access };
    }),

  unshare: graphProcedure('manage')
    .input(z.object({ workspaceId: IdInput }))
    .mutation(async ({ ctx, input }) => {
      const removed = await ctx.db.shares.unshare(input.id, input.workspaceId);
      if (!removed) throw notFound('Share of the graph with workspace', input.workspaceId);
      await ctx.audit({
        workspaceId: ctx.access.workspaceId,
        action: 'graph.unshare',
        targetType: 'graph',
        targetId: input.id,
        details: {
          graphName: await graphName(ctx, input.id),
          workspaceId: input.workspaceId,
          workspaceName: (await ctx.db.teams.workspaceName(input.workspaceId)) ?? null,
          access: removed,
        },
      });
      return { workspaceId: input.workspaceId, removed: true };
    }),

  /**
   * A new read-only link. The token is in this answer only: the database keeps its hash, so a
   * lost link is revoked and made again, never shown again.
   */
  createLink: graphProcedure('manage').mutation(async ({ ctx, input }) => {
    const token = randomBytes(32).toString('base64url');
    const link = await ctx.db.shares.createLink({
      id: randomUUID(),
      graphId: input.id,
      tokenHash: hashToken(token),
      createdBy: ctx.user.id,
    });
    await ctx.audit({
      workspaceId: ctx.access.workspaceId,
      action: 'link.create',
      targetType: 'graph',
      targetId: input.id,
      details: { graphName: await graphName(ctx, input.id), linkId: link.id },
    });
    return { link, token };
  }),

  /** Revokes a link: it stops opening the graph at once. */
  revokeLink: graphProcedure('manage')
    .input(z.object({ linkId: IdInput }))
    .mutation(async ({ ctx, input }) => {
      if (!(await ctx.db.shares.revokeLink(input.id, input.linkId)))
        throw notFound('Open link', input.linkId);
      await ctx.audit({
        workspaceId: ctx.access.workspaceId,
        action: 'link.revoke',
        targetType: 'graph',
        targetId: input.id,
        details: { graphName: await graphName(ctx, input.id), linkId: input.linkId },
      });
      return { linkId: input.linkId, revoked: true };
    }),
});

/** The shares with workspaces the caller belongs to. */
async function ownWorkspaces<T extends { workspaceId: string }>(
  ctx: { db: Database; user: { id: string } },
  shares: T[],
): Promise<T[]> {
  const mine = new Set(
    (await ctx.db.teams.memberships(ctx.user.id)).map((membership) => membership.workspaceId),
  );
  return shares.filter((share) => mine.has(share.workspaceId));
}
