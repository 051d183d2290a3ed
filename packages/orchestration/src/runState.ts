/**
 * Run events and node states without the engine, on their own subpath
 * (`@beluga/orchestration/run-state`) so that Temporal workflow bundles can fold events and make
 * previews: these modules import nothing (no Node API, no OpenTelemetry, no zod).
 */
export { NODE_STATUS_OF_EVENT, previewOf, RUN_EVENT_TYPES } from './events.js';
export type {
  NodeRunStatus,
  RunEvent,
  RunEventError,
  RunEventListener,
  RunEventType,
} from './events.js';
export { applyNodeEvent, isFinalNodeStatus } from './nodeRunState.js';
export { ERROR_CODES } from './errors.js';
export type { NodeRunState } from './nodeRunState.js';
