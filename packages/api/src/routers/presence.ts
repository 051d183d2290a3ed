import { z } from 'zod';
import { graphProcedure } from '../access.js';
import { announceEditing, presenceOf } from '../presence/presenceOf.js';
import { router } from '../trpc.js';

/** A browser tab's own random id: tells one user's tabs apart. */
const TabInput = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export const presenceRouter = router({
  /**
   * Registers the caller as viewing the graph while the stream is open; yields everyone viewing
   * it (on any server) at once and at each change, and a notice whenever a version is saved.
   */
  join: graphProcedure('read')
    .input(z.object({ tab: TabInput }))
    .subscription(async function* ({ ctx, input, signal }) {
      const session = await presenceOf(ctx.db.notifier).join({
        graphId: input.id,
        userId: ctx.user.id,
        name: ctx.user.name,
        tab: input.tab,
      });
      try {
        yield* session.updates(signal ?? new AbortController().signal);
      } finally {
        await session.leave();
      }
    }),

  /** Whether the caller's tab has unsaved edits (others see "editing"). */
  editing: graphProcedure('read')
    .input(z.object({ tab: TabInput, editing: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await announceEditing(ctx.db.notifier, {
        graphId: input.id,
        userId: ctx.user.id,
        tab: input.tab,
        editing: input.editing,
      });
      return { editing: input.editing };
    }),
});
