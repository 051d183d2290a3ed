import type { CredentialSummary } from '@beluga/db';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { workspaceProcedure } from '../access.js';
import type { ApiContext } from '../context.js';
import { apiError, notFound } from '../errors.js';
import { router } from '../trpc.js';

/** What nodes write in their config to name a credential. */
export const CredentialNameInput = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    'use letters, digits, ".", "_" and "-", starting with a letter or digit (at most 100)',
  );

/** Shorter values could not be told apart from ordinary text, so not kept out of run output. */
export const MIN_VALUE_LENGTH = 8;

const CredentialValueInput = z
  .string()
  .min(MIN_VALUE_LENGTH, `must be at least ${MIN_VALUE_LENGTH} characters`)
  .max(8192)
  .regex(/^[\x20-\x7e]+$/, 'must be printable ASCII: it is sent in HTTP headers')
  .refine((value) => value.trim() === value, 'must not start or end with a space');

/** Long enough values show their first characters, so two can be told apart; short ones none. */
const HINT_CHARS = 4;
const HINT_FROM_LENGTH = 16;
export const hintOf = (value: string): string =>
  value.length >= HINT_FROM_LENGTH ? value.slice(0, HINT_CHARS) : '';

/** A credential as the API answers it: never its value; who set it by name. */
async function describe(ctx: ApiContext, credentials: CredentialSummary[]) {
  const ids = credentials.flatMap((c) => [c.createdBy, c.updatedBy]);
  const names = await ctx.db.teams.userNames([...new Set(ids)]);
  const who = (id: string) => ({ id, name: names.get(id) ?? null });
  return credentials.map((c) => ({
    name: c.name,
    hint: c.hint,
    createdAt: c.createdAt,
    createdBy: who(c.createdBy),
    updatedAt: c.updatedAt,
    updatedBy: who(c.updatedBy),
  }));
}

export const credentialsRouter = router({
  /** The workspace's credentials: editors name them in nodes, so they see names, never values. */
  list: workspaceProcedure('edit').query(async ({ ctx }) =>
    describe(ctx, await ctx.db.credentials.list(ctx.access.workspaceId)),
  ),

  /** Creates a credential or replaces its value; the answer never carries the value. */
  set: workspaceProcedure('manage')
    .input(z.object({ name: CredentialNameInput, value: CredentialValueInput }))
    .mutation(async ({ ctx, input }) => {
      const { workspaceId } = ctx.access;
      const place = { workspaceId, name: input.name };
      const { credential, created } = await ctx.db.credentials.set({
        id: randomUUID(),
        ...place,
        secret: ctx.vault.seal(place, input.value),
        hint: hintOf(input.value),
        actorId: ctx.user.id,
      });
      await ctx.audit({
        workspaceId,
        action: 'credential.set',
        targetType: 'credential',
        targetId: credential.id,
        details: { name: credential.name, created },
      });
      const [described] = await describe(ctx, [credential]);
      return { ...described!, created };
    }),

  /** Renames a credential (nodes that name the old one then fail until they are changed). */
  rename: workspaceProcedure('manage')
    .input(z.object({ name: CredentialNameInput, to: CredentialNameInput }))
    .mutation(async ({ ctx, input }) => {
      const { workspaceId } = ctx.access;
      const sealed = await ctx.db.credentials.get(workspaceId, input.name);
      if (!sealed) throw notFound('Credential', input.name);
      const value = ctx.vault.open({ workspaceId, name: input.name }, sealed.secret);
      const renamed = await ctx.db.credentials.rename({
        workspaceId,
        from: input.name,
        to: input.to,
        secret: ctx.vault.seal({ workspaceId, name: input.to }, value),
        actorId: ctx.user.id,
      });
      if (!renamed.ok && renamed.reason === 'not_found') throw notFound('Credential', input.name);
      if (!renamed.ok)
        throw apiError({
          code: 'CONFLICT',
          errorCode: 'CONFLICT',
          message: `A credential named "${input.to}" exists already`,
          field: 'to',
        });
      await ctx.audit({
        workspaceId,
        action: 'credential.rename',
        targetType: 'credential',
        targetId: renamed.credential.id,
        details: { from: input.name, to: input.to },
      });
      const [described] = await describe(ctx, [renamed.credential]);
      return described!;
    }),

  delete: workspaceProcedure('manage')
    .input(z.object({ name: CredentialNameInput }))
    .mutation(async ({ ctx, input }) => {
      const { workspaceId } = ctx.access;
      const removed = await ctx.db.credentials.delete(workspaceId, input.name);
      if (!removed) throw notFound('Credential', input.name);
      await ctx.audit({
        workspaceId,
        action: 'credential.delete',
        targetType: 'credential',
        targetId: removed.id,
        details: { name: removed.name },
      });
      return { name: removed.name, deleted: true };
    }),
});
