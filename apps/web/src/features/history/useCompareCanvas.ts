import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, type RefObject } from 'react';
import { useEditorStore } from '../editor/editorStore';
import { useRunView } from '../runs/runStore';
import { closeComparison } from './compareSession';
import { useCompareView } from './compareStore';

/** Brings nodes into view below the compare bar (all of them without ids). */
export type FitCompared = (nodeIds?: string[]) => void;

function isInDialog(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest('[role="dialog"], [role="alertdialog"]') !== null
  );
}

/** Escape leaves; so does another run shown (started, or opened from the run history). */
function useLeaveTriggers(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented && !isInDialog(event.target))
        closeComparison();
    };
    const stopWatchingRuns = useRunView.subscribe((state, previous) => {
      if (state.runId !== previous.runId && state.runId !== undefined) closeComparison();
    });
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      stopWatchingRuns();
    };
  }, [active]);
}

/**
 * The canvas around a comparison: fitted below the bar to each comparison drawn, and given
 * back, when leaving, the view and the selection the editing had. Leaving the editor leaves too.
 */
export function useCompareCanvas(bar: RefObject<HTMLElement | null>): FitCompared {
  const flow = useReactFlow();
  const active = useCompareView((state) => state.status !== 'idle');
  const drawn = useCompareView((state) => state.comparison?.document);
  const fit = useCallback<FitCompared>(
    (nodeIds) => {
      const top = Math.round(bar.current?.offsetHeight ?? 120) + 24;
      void flow.fitView({
        padding: { top: `${top}px`, bottom: '24px', x: '24px' },
        maxZoom: 1.2,
        ...(nodeIds ? { nodes: nodeIds.map((id) => ({ id })), duration: 200 } : {}),
      });
    },
    [bar, flow],
  );

  useEffect(() => {
    if (!active) return;
    const editor = useEditorStore.getState();
    const viewport = flow.getViewport();
    const { document, selectedNodeIds, selectedEdgeIds } = editor;
    editor.setSelection([], []);
    return () => {
      void flow.setViewport(viewport);
      const now = useEditorStore.getState();
      if (now.document === document) now.setSelection(selectedNodeIds, selectedEdgeIds);
    };
  }, [active, flow]);

  useEffect(() => {
    if (drawn) fit();
  }, [drawn, fit]);

  useLeaveTriggers(active);
  useEffect(() => () => closeComparison(), []);
  return fit;
}
