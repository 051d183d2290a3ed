import { Panel, useReactFlow, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect, useRef, type PointerEvent } from 'react';
import type { OverviewBox } from '../model/overview';
import type { FlowNode, GraphFlowEdge } from '../model/toFlow';
import { createOverviewPainter, type PainterView } from './overviewPainter';

const WIDTH = 200;
const HEIGHT = 150;
const PAD = 6;

/** The view that fits every box into the minimap. */
function fitAll(boxes: readonly OverviewBox[]): PainterView {
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boxes) {
    x1 = Math.min(x1, b.x);
    y1 = Math.min(y1, b.y);
    x2 = Math.max(x2, b.x + b.width);
    y2 = Math.max(y2, b.y + b.height);
  }
  if (!Number.isFinite(x1)) return { transform: [0, 0, 1], width: WIDTH, height: HEIGHT };
  const zoom = Math.min((WIDTH - 2 * PAD) / (x2 - x1 || 1), (HEIGHT - 2 * PAD) / (y2 - y1 || 1));
  const tx = (WIDTH - (x2 - x1) * zoom) / 2 - x1 * zoom;
  const ty = (HEIGHT - (y2 - y1) * zoom) / 2 - y1 * zoom;
  return { transform: [tx, ty, zoom], width: WIDTH, height: HEIGHT };
}

/** Places the frame of what the canvas shows, in minimap pixels. */
function placeFrame(
  frame: HTMLElement,
  fit: PainterView,
  state: Pick<ReactFlowState, 'transform' | 'width' | 'height'>,
): void {
  const [fx, fy, fz] = fit.transform;
  const [tx, ty, zoom] = state.transform;
  const x = fx + (-tx / zoom) * fz;
  const y = fy + (-ty / zoom) * fz;
  frame.style.width = `${(state.width / zoom) * fz}px`;
  frame.style.height = `${(state.height / zoom) * fz}px`;
  frame.style.transform = `translate(${x}px, ${y}px)`;
}

/**
 * The minimap of a big graph: its nodes drawn once on a <canvas> (again when they or their run
 * states change) and a frame for the view that a pan only moves. React Flow's <MiniMap> draws
 * an SVG rect per node and repaints all of them on every frame of a pan. Press or drag on it to
 * bring that part of the graph into view.
 */
export function MiniOverview() {
  const store = useStoreApi<FlowNode, GraphFlowEdge>();
  const { setCenter } = useReactFlow();
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const fit = useRef<PainterView>(fitAll([]));
  useEffect(() => {
    if (!canvas.current) return;
    let fitFor: readonly OverviewBox[] | undefined;
    const painter = createOverviewPainter(canvas.current, store, {
      viewOf: (_, boxes) => {
        if (boxes !== fitFor) [fitFor, fit.current] = [boxes, fitAll(boxes)];
        return fit.current;
      },
      onDrawn: () => frame.current && placeFrame(frame.current, fit.current, store.getState()),
      minIntervalMs: 250,
    });
    const stop = store.subscribe(
      (state) => frame.current && placeFrame(frame.current, fit.current, state),
    );
    return () => {
      painter.dispose();
      stop();
    };
  }, [store]);

  const centreOn = (event: PointerEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const [fx, fy, fz] = fit.current.transform;
    const x = (event.clientX - rect.left - fx) / fz;
    const y = (event.clientY - rect.top - fy) / fz;
    void setCenter(x, y, { zoom: store.getState().transform[2] });
  };
  return (
    <Panel position="bottom-right">
      <div
        role="img"
        aria-label="Minimap"
        data-testid="mini-overview"
        style={{ width: WIDTH, height: HEIGHT }}
        className="relative cursor-pointer overflow-hidden rounded-md border border-slate-200 bg-white shadow-sm dark:border-slate-700 dark:bg-slate-900"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          centreOn(event);
        }}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) centreOn(event);
        }}
      >
        <canvas ref={canvas} className="absolute inset-0 size-full" />
        <div
          ref={frame}
          className="pointer-events-none absolute top-0 left-0 rounded-sm border-2 border-sky-500/80 bg-sky-500/10 will-change-transform"
        />
      </div>
    </Panel>
  );
}
