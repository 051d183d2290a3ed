export { appRouter } from './router.js';
export type { AppRouter, RouterInputs, RouterOutputs } from './router.js';
export { createApiServices } from './services.js';
export type { ApiServices, ApiServicesOptions } from './services.js';
export { DEFAULT_LIMITS } from './context.js';
export type { ApiContext, ApiLimits, ApiUser } from './context.js';
export type { ApiErrorData } from './errors.js';
export type { NodeRunState, NodeRunStatus } from './runs/runState.js';
export { RUN_EVENTS_CHANNEL } from './runs/eventWriter.js';
