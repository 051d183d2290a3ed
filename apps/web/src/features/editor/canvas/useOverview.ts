import { useReactFlow, useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useCallback, useEffect, useMemo, type MouseEvent } from 'react';
import { useEditorStore } from '../editorStore';
import { boxAt, OVERVIEW_BELOW_ZOOM, OVERVIEW_CLICK_ZOOM } from '../model/overview';
import type { FlowNode, GraphFlowEdge } from '../model/toFlow';
import { createBoxCache } from './overviewPainter';

const zoomedOut = (state: ReactFlowState) => state.transform[2] < OVERVIEW_BELOW_ZOOM;

/**
 * Whether the canvas shows the overview (a big graph zoomed out past reading), and the pane's
 * pointer handlers then: a click on a node's box zooms into it and selects it; over a box the
 * pointer says it can be clicked.
 */
export function useOverview(big: boolean) {
  const far = useStore(zoomedOut) && big;
  const store = useStoreApi<FlowNode, GraphFlowEdge>();
  const { screenToFlowPosition, setCenter } = useReactFlow();
  const boxesOf = useMemo(createBoxCache, []);
  const hit = useCallback(
    (event: MouseEvent) =>
      boxAt(
        boxesOf(store.getState().nodes),
        screenToFlowPosition({ x: event.clientX, y: event.clientY }),
      ),
    [boxesOf, store, screenToFlowPosition],
  );
  const onPaneClick = useCallback(
    (event: MouseEvent) => {
      const box = hit(event);
      if (!box) return;
      // After React Flow's own pane click, which clears the selection.
      void setCenter(box.x + box.width / 2, box.y + box.height / 2, {
        zoom: OVERVIEW_CLICK_ZOOM,
        duration: 300,
      }).then(() => useEditorStore.getState().setSelection([box.id], []));
    },
    [hit, setCenter],
  );
  const onPaneMouseMove = useCallback(
    (event: MouseEvent) => {
      (event.currentTarget as HTMLElement).style.cursor = hit(event) ? 'pointer' : '';
    },
    [hit],
  );
  useEffect(() => {
    if (far) return;
    const pane = store.getState().domNode?.querySelector<HTMLElement>('.react-flow__pane');
    if (pane) pane.style.cursor = '';
  }, [far, store]);
  return far ? { far, onPaneClick, onPaneMouseMove } : { far };
}
