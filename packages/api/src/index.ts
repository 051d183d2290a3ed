export { appRouter } from './router.js';
export type { AppRouter, RouterInputs, RouterOutputs } from './router.js';
export { createApiServices } from './services.js';
export type { ApiServices, ApiServicesOptions, ApiTemporalOptions } from './services.js';
export { createDatabaseEventSink } from './runs/databaseEventSink.js';
export { createGraphDocumentLoader, graphRefOf } from './runs/graphRef.js';
export type { KeyedRunEventSink } from './runs/databaseEventSink.js';
export { DEFAULT_LIMITS } from './context.js';
export type { ApiContext, ApiLimits, ApiUser } from './context.js';
export type { ApiErrorData } from './errors.js';
export type { NodeRunState, NodeRunStatus } from './runs/runState.js';
export { RUN_EVENTS_CHANNEL } from './runs/eventWriter.js';
export { apiTracer, createApiMetrics, workflowSpansOf } from './telemetry.js';
export type { ApiMetrics, TraceReader, TraceSpan } from './telemetry.js';
export { createAuth, hashToken, CLIENT_IP_HEADER, INVITATION_HEADER } from './auth/auth.js';
export type { Auth, AuthOptions } from './auth/auth.js';
export type { AccessRule, Permission } from './access.js';
export { loadOrCreateSecretFile } from './auth/secretFile.js';
export {
  credentialsKeyProblem,
  CredentialsKeySchema,
  loadCredentialsKey,
  parseCredentialsKey,
} from './credentials/credentialsKey.js';
export { createRunScopes } from './credentials/runScopes.js';
export type { RunScope, RunScopes, RunScopesOptions } from './credentials/runScopes.js';
export { scopedRunServices } from './credentials/scopedRunServices.js';
export type { ScopedRunServices } from './credentials/scopedRunServices.js';
