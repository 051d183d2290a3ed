import { Panel, useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { FlowNode, GraphFlowEdge } from '../model/toFlow';
import { createOverviewPainter, type OverviewPainter } from './overviewPainter';

/**
 * The far-zoom drawing of a big graph: every node a box coloured by its run state, every edge a
 * line, on one <canvas> under React Flow's (then empty) layers. It takes no pointer events: the
 * pane under it still pans and zooms, and a click on a box zooms into that node (useOverview).
 */
export function OverviewCanvas({ edges }: { edges: readonly GraphFlowEdge[] }) {
  const store = useStoreApi<FlowNode, GraphFlowEdge>();
  const canvas = useRef<HTMLCanvasElement>(null);
  const painter = useRef<OverviewPainter | undefined>(undefined);
  useEffect(() => {
    if (!canvas.current) return;
    const element = canvas.current;
    const created = createOverviewPainter(element, store, {
      viewOf: ({ transform, width, height }) => ({ transform, width, height }),
      // For tests and the benchmark: how many nodes are drawn, and for which view.
      onDrawn: (count, view) => {
        element.dataset.nodes = String(count);
        element.dataset.view = view.transform.join(',');
      },
    });
    painter.current = created;
    return () => {
      created.dispose();
      painter.current = undefined;
    };
  }, [store]);
  useEffect(() => painter.current?.setLinks(edges), [edges]);
  return (
    <>
      <canvas
        ref={canvas}
        data-testid="overview-canvas"
        aria-hidden
        className="pointer-events-none absolute inset-0 z-0 size-full"
      />
      <Panel
        position="top-left"
        className="rounded-md bg-white/90 px-2 py-1 text-xs text-slate-600 shadow-sm dark:bg-slate-900/90 dark:text-slate-300"
      >
        <span role="status">Overview: zoom in or click a node to edit it</span>
      </Panel>
    </>
  );
}
