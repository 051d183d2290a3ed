import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { catalogRouter, validateProcedure } from './routers/catalog.js';
import { credentialsRouter } from './routers/credentials.js';
import { graphsRouter, versionsRouter } from './routers/graphs.js';
import { runsRouter } from './routers/runs.js';
import { auditRouter } from './routers/audit.js';
import { presenceRouter } from './routers/presence.js';
import { sharedRouter } from './routers/shared.js';
import { sharingRouter } from './routers/sharing.js';
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
  credentials: credentialsRouter,
  sharing: sharingRouter,
  shared: sharedRouter,
  audit: auditRouter,
  presence: presenceRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
