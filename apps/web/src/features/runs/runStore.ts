import type { NodeRunState, NodeRunStatus } from '@beluga/api';
import { create } from 'zustand';

/**
 * The run shown on the canvas: each node's live state. The run feature fills it from the event
 * stream; node components read one node's state with `useNodeRunState`.
 */
export interface RunViewState {
  runId: string | undefined;
  nodes: Record<string, NodeRunState>;
  setRun: (runId: string | undefined, nodes: NodeRunState[]) => void;
  patchNode: (nodeId: string, patch: Partial<NodeRunState>) => void;
}

export const useRunView = create<RunViewState>((set) => ({
  runId: undefined,
  nodes: {},
  setRun: (runId, nodes) =>
    set({ runId, nodes: Object.fromEntries(nodes.map((node) => [node.nodeId, node])) }),
  patchNode: (nodeId, patch) =>
    set((state) => {
      const current = state.nodes[nodeId];
      if (!current) return state;
      return { nodes: { ...state.nodes, [nodeId]: { ...current, ...patch } } };
    }),
}));

/** One node's state in the shown run, or undefined when no run is shown. */
export function useNodeRunState(nodeId: string): NodeRunState | undefined {
  return useRunView((state) => state.nodes[nodeId]);
}

export type { NodeRunState, NodeRunStatus };
