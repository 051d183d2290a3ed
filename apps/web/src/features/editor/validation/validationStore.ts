import type { GraphPlan, ValidationProblem } from '@beluga/graph';
import { create } from 'zustand';

/** The server's verdict on the document as drawn, indexed for the canvas and the forms. */
export interface ValidationState {
  problems: ValidationProblem[];
  plan: GraphPlan | undefined;
  /** The call itself failed (document refused as a whole, server unreachable). */
  error: string | undefined;
  pending: boolean;
  /** A verdict has arrived for the document shown (false after a reset, until the first one). */
  checked: boolean;
  byNode: Record<string, ValidationProblem[]>;
  byEdge: Record<string, ValidationProblem[]>;
  /** Plan layer of each node (from 1), and each critical-path node's place on the path. */
  layerOf: Record<string, number>;
  criticalIndex: Record<string, number>;
  setResult: (result: { problems: ValidationProblem[]; plan?: GraphPlan | undefined }) => void;
  setError: (message: string) => void;
  setPending: (pending: boolean) => void;
  reset: () => void;
}

function groupBy(problems: ValidationProblem[], key: 'nodeId' | 'edgeId') {
  const groups: Record<string, ValidationProblem[]> = {};
  for (const problem of problems) {
    const id = problem[key];
    if (id !== undefined) (groups[id] ??= []).push(problem);
  }
  return groups;
}

function planIndex(plan: GraphPlan | undefined) {
  const layerOf: Record<string, number> = {};
  plan?.layers.forEach((layer, i) => layer.forEach((id) => (layerOf[id] = i + 1)));
  const criticalIndex: Record<string, number> = {};
  plan?.criticalPath.forEach((id, i) => (criticalIndex[id] = i));
  return { layerOf, criticalIndex };
}

const EMPTY = {
  problems: [],
  plan: undefined,
  error: undefined,
  pending: false,
  checked: false,
  byNode: {},
  byEdge: {},
  layerOf: {},
  criticalIndex: {},
};

export const useValidation = create<ValidationState>((set) => ({
  ...EMPTY,
  setResult: ({ problems, plan }) =>
    set({
      problems,
      plan,
      error: undefined,
      pending: false,
      checked: true,
      byNode: groupBy(problems, 'nodeId'),
      byEdge: groupBy(problems, 'edgeId'),
      ...planIndex(plan),
    }),
  setError: (error) => set({ ...EMPTY, error }),
  setPending: (pending) => set({ pending }),
  reset: () => set(EMPTY),
}));

const NONE: ValidationProblem[] = [];

/** Problems pointing at one node (stable empty array when none: no re-render). */
export function useNodeProblems(nodeId: string): ValidationProblem[] {
  return useValidation((state) => state.byNode[nodeId] ?? NONE);
}

export function useEdgeProblems(edgeId: string): ValidationProblem[] {
  return useValidation((state) => state.byEdge[edgeId] ?? NONE);
}
