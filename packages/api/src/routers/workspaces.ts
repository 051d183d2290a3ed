import type { Database, WorkspaceRole } from '@beluga/db';
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { publicProcedure, userProcedure, workspaceProcedure } from '../access.js';
import { hashToken } from '../auth/auth.js';
import type { ApiContext } from '../context.js';
import { apiError, notFound } from '../errors.js';
import { IdInput, NameInput } from '../inputs.js';
import { router } from '../trpc.js';

const INVITATION_DAYS = 7;
const RoleInput = z.enum(['owner', 'admin', 'editor', 'runner', 'viewer']);
const InviteRoleInput = z.enum(['admin', 'editor', 'runner', 'viewer']);

export const accountRouter = router({
  /** What the sign-in page needs: whether anyone has signed up yet, and who this caller is. */
  status: publicProcedure.query(async ({ ctx }) => ({
    user: ctx.user,
    /** No account yet: the first one to sign up owns the instance. */
    needsOwner: (await ctx.db.teams.countUsers()) === 0,
  })),

  /** The signed-in user and their workspaces with their role in each. */
  me: userProcedure.query(async ({ ctx }) => ({
    user: ctx.user,
    workspaces: await ctx.db.teams.memberships(ctx.user.id),
    instanceOwner: (await ctx.db.teams.instanceOwner()) === ctx.user.id,
  })),
});

export const workspacesRouter = router({
  /** A new workspace with the caller as its owner. */
  create: userProcedure
    .input(z.object({ name: NameInput }))
    .mutation(({ ctx, input }) =>
      ctx.db.teams.createWorkspace({ id: randomUUID(), name: input.name, ownerId: ctx.user.id }),
    ),

  rename: workspaceProcedure('manage')
    .input(z.object({ name: NameInput }))
    .mutation(async ({ ctx, input }) => {
      await ctx.db.teams.renameWorkspace(ctx.access.workspaceId, input.name);
      return { workspaceId: ctx.access.workspaceId, name: input.name };
    }),

  members: workspaceProcedure('read').query(({ ctx }) =>
    ctx.db.teams.members(ctx.access.workspaceId),
  ),

  /** Admins set roles below owner; only owners make or unmake owners. */
  setRole: workspaceProcedure('manage')
    .input(z.object({ userId: IdInput, role: RoleInput }))
    .mutation(async ({ ctx, input }) => {
      const { workspaceId, role: callerRole } = ctx.access;
      const current = await ctx.db.teams.roleOf(workspaceId, input.userId);
      if (!current) throw notFound('Member', input.userId);
      if ((input.role === 'owner' || current === 'owner') && callerRole !== 'owner')
        throw apiError({
          code: 'FORBIDDEN',
          errorCode: 'FORBIDDEN',
          message: 'Only an owner can make or unmake owners',
          details: { role: callerRole, needed: 'owner' },
        });
      const result = await ctx.db.teams.setRole(workspaceId, input.userId, input.role);
      if (result === 'last_owner') throw lastOwner();
      await ctx.audit({
        workspaceId,
        action: 'member.role',
        targetType: 'user',
        targetId: input.userId,
        details: { from: current, to: input.role },
      });
      return { userId: input.userId, role: input.role };
    }),

  /** Removes a member: admins remove editors and below, owners anyone (never the last owner). */
  removeMember: workspaceProcedure('manage')
    .input(z.object({ userId: IdInput }))
    .mutation(async ({ ctx, input }) => {
      const { workspaceId, role: callerRole } = ctx.access;
      const target = await ctx.db.teams.roleOf(workspaceId, input.userId);
      if (!target) throw notFound('Member', input.userId);
      if (callerRole !== 'owner' && (target === 'owner' || target === 'admin'))
        throw apiError({
          code: 'FORBIDDEN',
          errorCode: 'FORBIDDEN',
          message: `Your role here is ${callerRole}: removing an ${target} needs the owner role`,
          details: { role: callerRole, needed: 'owner' },
        });
      return removeMember(ctx, workspaceId, input.userId, target);
    }),

  /** The caller leaves the workspace (unless they are its last owner). */
  leave: workspaceProcedure('read').mutation(({ ctx }) =>
    removeMember(ctx, ctx.access.workspaceId, ctx.user.id, ctx.access.role),
  ),

  invitations: workspaceProcedure('manage').query(({ ctx }) =>
    ctx.db.teams.listInvitations(ctx.access.workspaceId),
  ),

  /**
   * An invitation for an email address and a role; the token is in the answer only (the
   * database keeps its hash): the admin passes the link on.
   */
  invite: workspaceProcedure('manage')
    .input(z.object({ email: z.string().email().max(320), role: InviteRoleInput }))
    .mutation(async ({ ctx, input }) => {
      if (input.role === 'admin' && ctx.access.role !== 'owner')
        throw apiError({
          code: 'FORBIDDEN',
          errorCode: 'FORBIDDEN',
          message: 'Only an owner can invite admins',
          details: { role: ctx.access.role, needed: 'owner' },
        });
      const token = randomBytes(32).toString('base64url');
      const invitation = await ctx.db.teams.createInvitation({
        id: randomUUID(),
        workspaceId: ctx.access.workspaceId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: ctx.user.id,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000),
      });
      await ctx.audit({
        workspaceId: ctx.access.workspaceId,
        action: 'member.invite',
        targetType: 'invitation',
        targetId: invitation.id,
        details: { email: input.email, role: input.role },
      });
      return { invitation, token };
    }),

  revokeInvitation: workspaceProcedure('manage')
    .input(z.object({ invitationId: IdInput }))
    .mutation(async ({ ctx, input }) => {
      if (!(await ctx.db.teams.revokeInvitation(ctx.access.workspaceId, input.invitationId)))
        throw notFound('Open invitation', input.invitationId);
      return { invitationId: input.invitationId, revoked: true };
    }),
});

export const invitationsRouter = router({
  /** What an invitation link offers, before signing up or in (no secret in the answer). */
  peek: publicProcedure
    .input(z.object({ token: z.string().min(1).max(200) }))
    .query(async ({ ctx, input }) => {
      const invitation = await ctx.db.teams.findInvitation(hashToken(input.token));
      const open =
        invitation &&
        !invitation.acceptedAt &&
        !invitation.revokedAt &&
        invitation.expiresAt.getTime() > Date.now();
      if (!open) throw notFound('Open invitation', 'from this link');
      return {
        email: invitation.email,
        role: invitation.role,
        workspaceName: (await ctx.db.teams.workspaceName(invitation.workspaceId)) ?? '',
      };
    }),

  /** Joins the invitation's workspace as the signed-in user. */
  accept: userProcedure
    .input(z.object({ token: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const found = await ctx.db.teams.findInvitation(hashToken(input.token));
      if (found && found.email.toLowerCase() !== ctx.user.email.toLowerCase())
        throw apiError({
          code: 'FORBIDDEN',
          errorCode: 'FORBIDDEN',
          message: `This invitation is for ${found.email}: sign in with that address`,
        });
      const accepted = await ctx.db.teams.acceptInvitation(hashToken(input.token), ctx.user.id);
      if (!accepted) throw notFound('Open invitation', 'from this link');
      return { workspaceId: accepted.workspaceId, role: accepted.role };
    }),
});

async function removeMember(
  ctx: { db: Database; audit: ApiContext['audit'] },
  workspaceId: string,
  userId: string,
  role: WorkspaceRole,
) {
  const result = await ctx.db.teams.removeMember(workspaceId, userId);
  if (result === 'last_owner') throw lastOwner();
  if (result === 'not_member') throw notFound('Member', userId);
  await ctx.audit({
    workspaceId,
    action: 'member.remove',
    targetType: 'user',
    targetId: userId,
    details: { role },
  });
  return { userId, removed: true };
}

function lastOwner() {
  return apiError({
    code: 'CONFLICT',
    errorCode: 'LAST_OWNER',
    message: 'A workspace keeps at least one owner: make someone else an owner first',
  });
}
