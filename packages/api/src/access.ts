import { ROLE_RANK, type WorkspaceRole } from '@beluga/db';
import { z } from 'zod';
import { apiError, notFound } from './errors.js';
import { IdInput } from './inputs.js';
import { baseProcedure } from './trpc.js';

/** What a caller may do in a workspace; each role has its own and those of the roles below. */
export type Permission = 'read' | 'run' | 'edit' | 'manage' | 'own';

/** The narrowest role that has each permission. */
export const ROLE_FOR: Record<Permission, WorkspaceRole> = {
  read: 'viewer',
  run: 'runner',
  edit: 'editor',
  manage: 'admin',
  own: 'owner',
};

/** What share access gives the members of the workspace a graph is shared with. */
const SHARE_PERMISSIONS: Record<'viewer' | 'editor', readonly Permission[]> = {
  viewer: ['read'],
  editor: ['read', 'edit'],
};

export function roleCan(role: WorkspaceRole | undefined, permission: Permission): boolean {
  return role !== undefined && ROLE_RANK[role] >= ROLE_RANK[ROLE_FOR[permission]];
}

/** Who may call a procedure: checked on the server for every call, before the procedure runs. */
export type AccessRule =
  | { scope: 'public' }
  | { scope: 'user' }
  | { scope: 'workspace'; permission: Permission }
  | { scope: 'graph'; permission: Permission }
  | { scope: 'run'; permission: Permission };

/** The resource a checked procedure works on and the caller's standing there. */
export interface Access {
  workspaceId: string;
  /** The caller's role in the workspace; undefined when they reach a graph only by a share. */
  role: WorkspaceRole | undefined;
}

const VERB: Record<Permission, string> = {
  read: 'see it',
  run: 'run graphs',
  edit: 'change graphs',
  manage: 'manage the workspace',
  own: 'do this',
};

function forbidden(role: WorkspaceRole | undefined, permission: Permission) {
  const needed = ROLE_FOR[permission];
  return apiError({
    code: 'FORBIDDEN',
    errorCode: 'FORBIDDEN',
    message:
      role === undefined
        ? `This graph is shared with you read-only: to ${VERB[permission]} you need the ${needed} role in its workspace`
        : `Your role here is ${role}: to ${VERB[permission]} you need the ${needed} role or above`,
    details: { role: role ?? null, needed },
  });
}

const signedIn = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.user)
    throw apiError({
      code: 'UNAUTHORIZED',
      errorCode: 'UNAUTHORIZED',
      message: 'Sign in first: this needs an account (a session cookie or an API token)',
    });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Anyone, signed in or not. */
export const publicProcedure = baseProcedure.meta({ access: { scope: 'public' } });

/** Any signed-in user; what it touches is theirs alone (their account, their workspaces). */
export const userProcedure = signedIn.meta({ access: { scope: 'user' } });

/** A workspace named by `workspaceId`, where the caller's role has `permission`. */
export function workspaceProcedure(permission: Permission) {
  return signedIn
    .meta({ access: { scope: 'workspace', permission } })
    .input(z.object({ workspaceId: IdInput }))
    .use(async ({ ctx, input, next }) => {
      const role = await ctx.db.teams.roleOf(input.workspaceId, ctx.user.id);
      // Not a member: the workspace is not theirs to know about.
      if (!role) throw notFound('Workspace', input.workspaceId);
      if (!roleCan(role, permission)) throw forbidden(role, permission);
      return next({ ctx: { ...ctx, access: { workspaceId: input.workspaceId, role } } });
    });
}

/** A graph named by `id` (or `graphId`): the caller's role in its workspace, or a share. */
export function graphProcedure<K extends 'id' | 'graphId' = 'id'>(
  permission: Permission,
  key: K = 'id' as K,
) {
  // One schema per key; zod cannot type a computed key, hence the cast.
  const schema = z.object({ [key]: IdInput }) as unknown as z.ZodObject<{
    [P in K]: typeof IdInput;
  }>;
  return signedIn
    .meta({ access: { scope: 'graph', permission } })
    .input(schema)
    .use(async ({ ctx, input, next }) => {
      const graphId = (input as Record<K, string>)[key];
      const found = await ctx.db.teams.graphAccess(graphId, ctx.user.id);
      if (!found || (found.role === undefined && found.shared === null))
        throw notFound('Graph', graphId);
      const allowed =
        roleCan(found.role, permission) ||
        (found.shared !== null && SHARE_PERMISSIONS[found.shared].includes(permission));
      if (!allowed) throw forbidden(found.role, permission);
      return next({
        ctx: { ...ctx, access: { workspaceId: found.workspaceId, role: found.role } },
      });
    });
}

/** A run named by `runId`: the caller's role in the run's workspace. */
export function runProcedure(permission: Permission) {
  return signedIn
    .meta({ access: { scope: 'run', permission } })
    .input(z.object({ runId: IdInput }))
    .use(async ({ ctx, input, next }) => {
      const run = await ctx.db.runs.get(input.runId);
      const role = run && (await ctx.db.teams.roleOf(run.workspaceId, ctx.user.id));
      if (!run || !role) throw notFound('Run', input.runId);
      if (!roleCan(role, permission)) throw forbidden(role, permission);
      return next({ ctx: { ...ctx, run, access: { workspaceId: run.workspaceId, role } } });
    });
}
