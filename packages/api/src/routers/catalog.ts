import { z } from 'zod';
import { userProcedure } from '../access.js';
import { router } from '../trpc.js';
import { readDocument, validationOf } from './documents.js';

export const catalogRouter = router({
  /** Every node type: ports, UI metadata and config as JSON Schema. */
  list: userProcedure.query(({ ctx }) => ctx.registry.describe()),
});

/** Problems and plan of a document that need not be saved (the editor validates as you draw). */
export const validateProcedure = userProcedure
  .input(z.object({ document: z.unknown() }))
  .mutation(({ ctx, input }) => {
    const document = readDocument(input.document, ctx.limits);
    return validationOf(document, ctx.registry);
  });
