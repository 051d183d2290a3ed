/**
 * The pure scheduler, on its own subpath (`@beluga/orchestration/scheduler`) so that Temporal
 * workflow bundles can import it: it uses no Node API, no clock and no randomness.
 */
export { compilePlan, tryCompilePlan, topologicalOrder } from './plan.js';
export type {
  ExecutionPlan,
  JoinMode,
  PlanEdgeSpec,
  PlanNodeSpec,
  PlanProblem,
  PlanProblemCode,
  PlanSpec,
} from './plan.js';
export { NodeState, Scheduler } from './scheduler.js';
export type { NodeStateValue } from './scheduler.js';
