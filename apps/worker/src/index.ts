/** @beluga/worker — the Temporal worker process, and `startWorker` for running one in-process. */
export { startWorker } from './startWorker.js';
export type { RunningWorker, StartWorkerOptions } from './startWorker.js';
export { createLogSink } from './logSink.js';
export { credentialVariable, EnvSchema, loadEnv } from './env.js';
export type { WorkerEnv } from './env.js';
