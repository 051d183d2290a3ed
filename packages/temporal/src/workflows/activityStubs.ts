import {
  ActivityCancellationType,
  proxyActivities,
  proxyLocalActivities,
} from '@temporalio/workflow';
import type { GraphActivities } from '../activities/createGraphActivities.js';
import { toTemporalRetryPolicy } from '../retryPolicy.js';
import type { CompiledRunSpec, GraphWorkflowLimits, NodeSpec } from '../shared.js';

// How the graph workflow calls its activities (the workflow side: stubs, no activity code).

/** Nodes without a timeout may run this long on one attempt (a lost worker shows sooner). */
const NODE_MAX_MS = 24 * 60 * 60 * 1000;
/** Local activities (cheap nodes) have no heartbeat: a hung one is bounded by this. */
const LOCAL_NODE_MAX_MS = 5 * 60 * 1000;
/** Margin over a node's own timeout, which the activity enforces itself. */
const NODE_TIMEOUT_MARGIN_MS = 60_000;

export const { prepareGraph, describeGraph, graphPart } = proxyActivities<GraphActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3 },
});

/** The compiled graph of a document given by reference, from its parts. */
export async function loadByReference(ref: string): Promise<CompiledRunSpec> {
  const outline = await describeGraph(ref);
  const parts = await Promise.all(
    Array.from({ length: outline.parts }, (_, index) => graphPart(ref, index)),
  );
  const { parts: _count, ...head } = outline;
  return {
    ...head,
    plan: {
      nodes: parts.flatMap((part) => part.plan.nodes),
      edges: parts.flatMap((part) => part.plan.edges),
      entryPoints: parts.flatMap((part) => part.plan.entryPoints ?? []),
      finishPoints: parts.flatMap((part) => part.plan.finishPoints ?? []),
    },
    nodes: parts.flatMap((part) => part.nodes),
  };
}

/** Whether the node runs as a local activity: a cheap type, or bounded under the limit. */
export function runsLocally(node: NodeSpec, limits: GraphWorkflowLimits): boolean {
  const short = node.maxMs !== undefined && node.maxMs <= limits.localActivityMaxMs;
  return short || limits.localNodeTypes.includes(node.type);
}

export function nodeActivity(node: NodeSpec, limits: GraphWorkflowLimits) {
  const retry = toTemporalRetryPolicy(node.retry);
  if (runsLocally(node, limits)) {
    // The node's own timeout fails the attempt first (TIMEOUT, by the node's retry policy);
    // Temporal's is for an attempt that ignores it.
    const startToCloseTimeout =
      node.timeoutMs === undefined ? LOCAL_NODE_MAX_MS : node.timeoutMs + NODE_TIMEOUT_MARGIN_MS;
    return proxyLocalActivities<GraphActivities>({ startToCloseTimeout, retry }).runNode;
  }
  return proxyActivities<GraphActivities>({
    activityId: `node:${node.id}`,
    startToCloseTimeout:
      node.timeoutMs === undefined ? NODE_MAX_MS : node.timeoutMs + NODE_TIMEOUT_MARGIN_MS,
    heartbeatTimeout: limits.heartbeatTimeoutMs,
    retry,
    cancellationType: ActivityCancellationType.TRY_CANCEL,
  }).runNode;
}
