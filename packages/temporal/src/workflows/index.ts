/**
 * The workflows module of the Beluga worker (`@beluga/temporal/workflows`), bundled by Temporal
 * into its deterministic sandbox. A worker that also runs code-first workflows bundles its own
 * module that re-exports these.
 */
export { graphWorkflow } from './graphWorkflow.js';
export type { GraphWorkflowArgs } from './graphRun.js';
export type { CarriedState, Completion } from './carriedState.js';
export { withWorkflowContext } from './workflowContext.js';
export type { RunEventSinks } from './runEventSinks.js';
