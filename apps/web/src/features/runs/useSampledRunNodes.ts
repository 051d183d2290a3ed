import { useEffect, useState } from 'react';
import { useRunView, type NodeRunState } from './runStore';

/**
 * The shown run's node states, sampled: at most one update per `everyMs`, and always the last
 * one. For views a person reads rather than watches (the timeline): on a 2,000-node run the
 * store changes on every animation frame, and re-sorting and re-rendering the timeline each time
 * was a visible share of a live run's frames.
 */
export function useSampledRunNodes(everyMs: number): Record<string, NodeRunState> {
  const [nodes, setNodes] = useState(() => useRunView.getState().nodes);
  useEffect(() => {
    let timer: number | undefined;
    const take = () => {
      timer = undefined;
      setNodes(useRunView.getState().nodes);
    };
    take();
    const unsubscribe = useRunView.subscribe((state, previous) => {
      if (state.nodes === previous.nodes || timer !== undefined) return;
      // A new run (or none) shows at once; changes within a run wait for the next sample.
      if (state.runId !== previous.runId) take();
      else timer = window.setTimeout(take, everyMs);
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [everyMs]);
  return nodes;
}
