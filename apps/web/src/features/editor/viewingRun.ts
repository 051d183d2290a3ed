import type { GraphDocument } from '@beluga/graph';
import { isComparing, useCompareView } from '../history/compareStore';
import { useRunView } from '../runs/runStore';
import { useGraphAccess } from '../workspaces/graphAccess';
import { useEditorStore } from './editorStore';

/**
 * While a past run is open (`#/graphs/:id/runs/:runId`) the canvas draws the version that ran
 * and nothing may be edited; the document being edited, its unsaved edits and its undo history
 * wait untouched underneath. Comparing two versions (the History's compare view) locks the
 * editor the same way, and the canvas draws both versions' union.
 */
export function isViewingRun(): boolean {
  return useRunView.getState().readOnly || isComparing();
}

/** The document on the canvas now (outside React): the compared or the run's version, if shown. */
export function canvasDocument(): GraphDocument | undefined {
  const compared = useCompareView.getState().comparison?.document;
  if (compared) return compared;
  return useRunView.getState().readOnly
    ? useRunView.getState().runDocument
    : useEditorStore.getState().document;
}

/**
 * The canvas is read-only: a past run is viewed or two versions are compared, or the user's
 * role does not let them edit this graph.
 */
export function useViewingRun(): boolean {
  const run = useRunView((state) => state.readOnly);
  const comparing = useCompareView((state) => state.status !== 'idle');
  const readOnlyGraph = useGraphAccess((state) => !state.edit);
  return run || comparing || readOnlyGraph;
}

/** What the canvas and the inspector show: the compared or the run's version while shown. */
export function useCanvasDocument(): GraphDocument | undefined {
  const edited = useEditorStore((state) => state.document);
  const ran = useRunView((state) => state.runDocument);
  const viewingRun = useRunView((state) => state.readOnly);
  const compared = useCompareView((state) => state.comparison?.document);
  return compared ?? (viewingRun ? ran : edited);
}
