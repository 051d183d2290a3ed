import type { Database } from '@beluga/db';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { publicProcedure, workspaceProcedure } from '../access.js';
import { hashToken } from '../auth/auth.js';
import { apiError } from '../errors.js';
import { NameInput } from '../inputs.js';
import { router } from '../trpc.js';

const TokenInput = z.string().min(1).max(200);

/** One answer for an unknown, revoked or dead link: which of them it is stays unsaid. */
function invalidLink() {
  return apiError({
    code: 'NOT_FOUND',
    errorCode: 'NOT_FOUND',
    message: 'This link is not valid: it may have been revoked',
  });
}

/** The graph behind an open link's token. */
async function linkedGraph(db: Database, token: string) {
  const link = await db.shares.findOpenLink(hashToken(token));
  const graph = link && (await db.graphs.get(link.graphId));
  if (!graph) throw invalidLink();
  return graph;
}

/** What a share link opens: read-only, to anyone holding its token. */
export const sharedRouter = router({
  /**
   * The graph's current document, name and version: no runs, no workspace, no people. (A
   * document holds credential names, never their values.)
   */
  view: publicProcedure.input(z.object({ token: TokenInput })).query(async ({ ctx, input }) => {
    const graph = await linkedGraph(ctx.db, input.token);
    return {
      name: graph.name,
      description: graph.description,
      version: graph.version,
      updatedAt: graph.updatedAt,
      document: graph.document,
    };
  }),

  /** Saves a copy of the linked graph in a workspace where the caller edits graphs. */
  importCopy: workspaceProcedure('edit')
    .input(z.object({ token: TokenInput, name: NameInput.optional() }))
    .mutation(async ({ ctx, input }) => {
      const source = await linkedGraph(ctx.db, input.token);
      const id = randomUUID();
      const name = input.name ?? source.name;
      return ctx.db.graphs.create({
        id,
        workspaceId: ctx.access.workspaceId,
        name,
        description: source.description,
        document: { ...source.document, id, name },
        author: ctx.user.id,
        message: `Copied from a shared link ("${source.name}" v${source.version})`,
      });
    }),
});
