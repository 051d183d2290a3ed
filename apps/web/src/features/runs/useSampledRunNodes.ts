import { useEffect, useState } from 'react';
import { useRunView, type NodeRunState, type RunViewState } from './runStore';
import { sampleStore } from './sampleStore';

const nodesOf = (state: RunViewState) => state.nodes;
const otherRun = (state: RunViewState, previous: RunViewState) => state.runId !== previous.runId;

/**
 * The shown run's node states, sampled: at most one update per `everyMs`, and always the last
 * one; another run shows at once. For views a person reads rather than watches (the timeline):
 * on a 2,000-node run the store changes on every animation frame, and re-sorting and
 * re-rendering the timeline each time was a visible share of a live run's frames.
 */
export function useSampledRunNodes(everyMs: number): Record<string, NodeRunState> {
  const [nodes, setNodes] = useState(() => useRunView.getState().nodes);
  useEffect(
    () => sampleStore(useRunView, { select: nodesOf, everyMs, now: otherRun }, setNodes),
    [everyMs],
  );
  return nodes;
}
