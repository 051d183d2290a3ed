import { z } from 'zod';
import { workspaceProcedure } from '../access.js';
import { CursorDateInput, IdInput } from '../inputs.js';
import { router } from '../trpc.js';

const PAGE = 50;

export const auditRouter = router({
  /** The workspace's audit log, newest first, a page at a time, with the actors' names. */
  list: workspaceProcedure('manage')
    .input(
      z.object({
        cursor: z.object({ createdAt: CursorDateInput, id: IdInput }).optional(),
        limit: z.number().int().min(1).max(200).default(PAGE),
      }),
    )
    .query(async ({ ctx, input }) => {
      // One more than asked: whether a next page exists, without a count.
      const rows = await ctx.db.audit.list(ctx.access.workspaceId, {
        limit: input.limit + 1,
        ...(input.cursor ? { before: input.cursor } : {}),
      });
      const entries = rows.slice(0, input.limit);
      // Actors, and the members an entry is about (a role change names who, not an id).
      const names = await ctx.db.teams.userNames([
        ...entries.map((entry) => entry.actorId),
        ...entries.filter((entry) => entry.targetType === 'user').map((entry) => entry.targetId),
      ]);
      const last = entries.at(-1);
      return {
        entries: entries.map((entry) => ({
          ...entry,
          actorName: names.get(entry.actorId) ?? null,
          targetName: entry.targetType === 'user' ? (names.get(entry.targetId) ?? null) : null,
        })),
        nextCursor:
          rows.length > input.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
      };
    }),
});
