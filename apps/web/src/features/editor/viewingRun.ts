import type { GraphDocument } from '@beluga/graph';
import { useRunView } from '../runs/runStore';
import { useEditorStore } from './editorStore';

/**
 * While a past run is open (`#/graphs/:id/runs/:runId`) the canvas draws the version that ran
 * and nothing may be edited; the document being edited, its unsaved edits and its undo history
 * wait untouched underneath.
 */
export function isViewingRun(): boolean {
  return useRunView.getState().readOnly;
}

/** The document on the canvas now (outside React): the run's version while viewing a run. */
export function canvasDocument(): GraphDocument | undefined {
  return isViewingRun() ? useRunView.getState().runDocument : useEditorStore.getState().document;
}

export function useViewingRun(): boolean {
  return useRunView((state) => state.readOnly);
}

/** What the canvas and the inspector show: the run's version while viewing a run. */
export function useCanvasDocument(): GraphDocument | undefined {
  const edited = useEditorStore((state) => state.document);
  const ran = useRunView((state) => state.runDocument);
  return useViewingRun() ? ran : edited;
}
