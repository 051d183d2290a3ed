import type { ExecutionPlan } from '@beluga/orchestration/scheduler';

/**
 * Where the scheduler's input for node `n` is an object keyed by source node id: the whole input
 * (several edges into the single `in` port) or some declared ports (several edges into them).
 */
export function bySourceOf(plan: ExecutionPlan, n: number): true | string[] | undefined {
  const from = plan.inStart[n] as number;
  const to = plan.inStart[n + 1] as number;
  if (!plan.namedInputs[n]) return to - from > 1 ? true : undefined;
  const ports = new Set<string>();
  for (let i = from; i < to; i++) {
    const e = plan.inEdges[i] as number;
    if ((plan.edgeFanIn[e] as number) > 1) ports.add(plan.edgeTargetPort[e] as string);
  }
  return ports.size > 0 ? [...ports] : undefined;
}
