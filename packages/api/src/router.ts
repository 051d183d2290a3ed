import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { catalogRouter, validateProcedure } from './routers/catalog.js';
import { graphsRouter, versionsRouter } from './routers/graphs.js';
import { runsRouter } from './routers/runs.js';
import { accountRouter, invitationsRouter, workspacesRouter } from './routers/workspaces.js';
import { router } from './trpc.js';

export const appRouter = router({
  account: accountRouter,
  workspaces: workspacesRouter,
  invitations: invitationsRouter,
  graphs: graphsRouter,
  versions: versionsRouter,
  catalog: catalogRouter,
  validate: validateProcedure,
  runs: runsRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
