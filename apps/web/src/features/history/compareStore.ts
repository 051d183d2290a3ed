import { create } from 'zustand';
import type { ElementDiff, VersionComparison } from './versionDiff';

/** One side of a comparison: a stored version, or the document on the canvas with its edits. */
export type CompareSide = number | 'unsaved';

/**
 * The comparison of two versions shown on the canvas (the History's compare view). While one is
 * open the canvas draws both versions' union, marked, and nothing can be edited; the document
 * being edited, its unsaved edits and its undo history wait untouched underneath.
 */
export interface CompareViewState {
  status: 'idle' | 'loading' | 'shown' | 'error';
  graphId: string | undefined;
  /** "Compare `from` with `to`": added means only in `to`. */
  from: CompareSide | undefined;
  to: CompareSide | undefined;
  /** The last comparison computed; kept while another pair loads. */
  comparison: VersionComparison | undefined;
  error: string | undefined;
}

export const IDLE: CompareViewState = {
  status: 'idle',
  graphId: undefined,
  from: undefined,
  to: undefined,
  comparison: undefined,
  error: undefined,
};

export const useCompareView = create<CompareViewState>(() => IDLE);

/** A comparison is open: the canvas is read-only (outside React). */
export function isComparing(): boolean {
  return useCompareView.getState().status !== 'idle';
}

export function useComparing(): boolean {
  return useCompareView((state) => state.status !== 'idle');
}

/** How a node differs in the comparison shown, or undefined when none is shown. */
export function useNodeDiff(nodeId: string): ElementDiff | undefined {
  return useCompareView((state) => state.comparison?.nodes.get(nodeId));
}

export function useEdgeDiff(edgeId: string): ElementDiff | undefined {
  return useCompareView((state) => state.comparison?.edges.get(edgeId));
}

/** "version 3", or "the unsaved canvas". */
export function sideName(side: CompareSide): string {
  return side === 'unsaved' ? 'the unsaved canvas' : `version ${side}`;
}
