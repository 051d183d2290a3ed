import { edgeIndexOf, portValue } from './runFold';
import type { EdgeFlow, NodeRunState, NodeRunStatus, RunEdge } from './runTypes';

const WORKING: ReadonlySet<NodeRunStatus> = new Set(['running', 'retrying']);
const SILENT_SOURCE: ReadonlySet<NodeRunStatus> = new Set(['skipped', 'failed', 'cancelled']);

/** A preview the server cut short: whether a port carried a value is unknown, assume it did. */
function isCutPreview(output: unknown): boolean {
  return (
    typeof output === 'object' &&
    output !== null &&
    (output as { truncated?: unknown }).truncated === true
  );
}

function flowOf(
  source: NodeRunState | undefined,
  target: NodeRunState | undefined,
  port: string,
): EdgeFlow | undefined {
  if (!source) return undefined;
  if (SILENT_SOURCE.has(source.status)) return 'silent';
  if (source.status !== 'succeeded') return undefined;
  const sent = portValue(source.output, port) !== undefined || isCutPreview(source.output);
  if (!sent) return 'silent';
  return target && WORKING.has(target.status) ? 'flowing' : 'delivered';
}

/** How data moves on each edge of the shown run; edges not reached yet are absent. */
export function edgeFlowOf(
  nodes: Readonly<Record<string, NodeRunState>>,
  edges: readonly RunEdge[],
): Record<string, EdgeFlow> {
  const flows: Record<string, EdgeFlow> = {};
  for (const edge of edges) {
    const flow = flowOf(nodes[edge.source], nodes[edge.target], edge.sourcePort);
    if (flow) flows[edge.id] = flow;
  }
  return flows;
}

/**
 * edgeFlowOf after a batch that touched `nodeIds`: only the edges at those nodes can change, so
 * only they are looked at (a batch on a 2,000-edge run costs what it touches). Returns `flows`
 * itself when no edge changed.
 */
export function updateEdgeFlow(
  flows: Readonly<Record<string, EdgeFlow>>,
  nodes: Readonly<Record<string, NodeRunState>>,
  edges: readonly RunEdge[],
  nodeIds: Iterable<string>,
): Record<string, EdgeFlow> {
  const { bySource, byTarget } = edgeIndexOf(edges);
  let next: Record<string, EdgeFlow> | undefined;
  for (const id of nodeIds) {
    for (const edge of [...(bySource.get(id) ?? []), ...(byTarget.get(id) ?? [])]) {
      const flow = flowOf(nodes[edge.source], nodes[edge.target], edge.sourcePort);
      if (flow === (next ?? flows)[edge.id]) continue;
      next ??= { ...flows };
      if (flow) next[edge.id] = flow;
      else delete next[edge.id];
    }
  }
  return next ?? flows;
}
