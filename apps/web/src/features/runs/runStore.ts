import type { GraphDocument } from '@beluga/graph';
import { create } from 'zustand';
import { edgeFlowOf, updateEdgeFlow } from './edgeFlow';
import { applyRunEvents, type RunFold } from './runFold';
import type {
  AttemptSpan,
  EdgeFlow,
  NodeRunState,
  NodeRunStatus,
  RunEdge,
  RunEvent,
  RunSummary,
  WaitingApproval,
} from './runTypes';

/** The live link to the run's event stream. */
export type RunConnection = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'ended' | 'error';

/**
 * The run shown on the canvas: each node's live state. The run feature fills it from the event
 * stream; node components read one node's state with `useNodeRunState`.
 */
export interface RunViewState {
  runId: string | undefined;
  nodes: Record<string, NodeRunState>;
  setRun: (runId: string | undefined, nodes: NodeRunState[]) => void;
  patchNode: (nodeId: string, patch: Partial<NodeRunState>) => void;

  /** The run record (status, who, when, executor, version), kept current by run.* events. */
  run: RunSummary | undefined;
  /** The graph version that ran (may differ from the document being edited). */
  runDocument: GraphDocument | undefined;
  /** A past run opened from the history (`#/graphs/:id/runs/:runId`): nothing to edit. */
  readOnly: boolean;
  lastSeq: number;
  edges: RunEdge[];
  /** Each node's attempts, for the timeline (a node opened mid-run has one span for the past). */
  attempts: Record<string, AttemptSpan[]>;
  /** Approval nodes waiting for a decision, by node id. */
  approvals: Record<string, WaitingApproval>;
  /** Per edge id: data flowing (animate it), delivered, or silent (branch not taken). */
  edgeFlow: Record<string, EdgeFlow>;
  connection: RunConnection;
  connectionError: string | undefined;
  /**
   * Bumped when the user starts or opens a run: the side panel may switch to the run tab
   * (watch it with a selector; the value itself means nothing).
   */
  revealCount: number;
  reveal: () => void;
  /** The node whose details the run panel shows. */
  selectedNodeId: string | undefined;
  selectNode: (nodeId: string | undefined) => void;

  /** Shows a run from its folded snapshot (runs.get). */
  showFold: (options: ShowFoldOptions) => void;
  /** Applies a batch of events to the shown run (the stream calls it once per animation frame). */
  applyEvents: (runId: string, events: readonly RunEvent[]) => void;
  setConnection: (connection: RunConnection, error?: string) => void;
  /** Shows no run. */
  clear: () => void;
}

export interface ShowFoldOptions {
  runId: string;
  fold: RunFold;
  edges: RunEdge[];
  document: GraphDocument | undefined;
  readOnly: boolean;
}

const EMPTY = {
  runId: undefined,
  nodes: {},
  run: undefined,
  runDocument: undefined,
  readOnly: false,
  lastSeq: 0,
  edges: [],
  attempts: {},
  approvals: {},
  edgeFlow: {},
  connection: 'idle',
  connectionError: undefined,
  selectedNodeId: undefined,
} satisfies Partial<RunViewState>;

export const useRunView = create<RunViewState>((set) => ({
  ...EMPTY,
  setRun: (runId, nodes) =>
    set((state) => {
      const byId = Object.fromEntries(nodes.map((node) => [node.nodeId, node]));
      return { runId, nodes: byId, edgeFlow: edgeFlowOf(byId, state.edges) };
    }),
  patchNode: (nodeId, patch) =>
    set((state) => {
      const current = state.nodes[nodeId];
      if (!current) return state;
      const nodes = { ...state.nodes, [nodeId]: { ...current, ...patch } };
      return { nodes, edgeFlow: edgeFlowOf(nodes, state.edges) };
    }),
  selectNode: (selectedNodeId) => set({ selectedNodeId }),
  revealCount: 0,
  reveal: () => set((state) => ({ revealCount: state.revealCount + 1 })),
  showFold: ({ runId, fold, edges, document, readOnly }) =>
    set((state) => ({
      ...fold,
      runId,
      edges,
      runDocument: document,
      readOnly,
      edgeFlow: edgeFlowOf(fold.nodes, edges),
      selectedNodeId: state.runId === runId ? state.selectedNodeId : undefined,
    })),
  applyEvents: (runId, events) =>
    set((state) => {
      if (state.runId !== runId) return state;
      const fold = applyRunEvents(state, events, state.edges);
      if (fold === state) return state;
      const touched = new Set<string>();
      for (const event of events) if (event.nodeId !== undefined) touched.add(event.nodeId);
      return {
        ...fold,
        edgeFlow: updateEdgeFlow(state.edgeFlow, fold.nodes, state.edges, touched),
      };
    }),
  setConnection: (connection, connectionError) => set({ connection, connectionError }),
  clear: () => set(EMPTY), // revealCount keeps counting
}));

/** One node's state in the shown run, or undefined when no run is shown. */
export function useNodeRunState(nodeId: string): NodeRunState | undefined {
  return useRunView((state) => state.nodes[nodeId]);
}

/** How data moves on one edge of the shown run (undefined: not reached, or no run shown). */
export function useEdgeFlow(edgeId: string): EdgeFlow | undefined {
  return useRunView((state) => state.edgeFlow[edgeId]);
}

/** Whether React Flow should animate an edge: its target is working on what it carried. */
export function useEdgeAnimated(edgeId: string): boolean {
  return useRunView((state) => state.edgeFlow[edgeId] === 'flowing');
}

/** The approval a node waits for in the shown run, if it waits. */
export function useWaitingApproval(nodeId: string): WaitingApproval | undefined {
  return useRunView((state) => state.approvals[nodeId]);
}

export type { EdgeFlow, NodeRunState, NodeRunStatus };
