import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect, useRef } from 'react';

const GAP = 16;
/** The largest gap on screen (React Flow's default maxZoom is 2): the layer overhangs by this. */
const OVERHANG = GAP * 2;
/** Below this zoom the dots would be under 4 px apart: a grey haze that is costly to paint. */
const DOTS_FROM_ZOOM = 0.2;

const mod = (value: number, by: number) => ((value % by) + by) % by;

function place(element: HTMLElement, [tx, ty, zoom]: ReactFlowState['transform'], rezoom: boolean) {
  const gap = GAP * zoom;
  if (rezoom) {
    element.style.display = zoom < DOTS_FROM_ZOOM ? 'none' : '';
    element.style.backgroundSize = `${gap}px ${gap}px`;
    element.style.setProperty('--dot', `${Math.max(0.6, 0.75 * zoom)}px`);
  }
  element.style.transform = `translate(${mod(tx, gap) - gap}px, ${mod(ty, gap) - gap}px)`;
}

/**
 * The dotted background as one layer of its own that a pan only moves (the compositor shifts
 * it by less than one gap), where React Flow's <Background> redraws its pattern on every frame:
 * on a 2,000-node graph that repaint was half of each frame of a pan. A zoom repaints it.
 */
export function DotGrid() {
  const store = useStoreApi();
  const layer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let last: ReactFlowState['transform'] | undefined;
    const update = ({ transform }: ReactFlowState) => {
      if (!layer.current || transform === last) return;
      place(layer.current, transform, transform[2] !== last?.[2]);
      last = transform;
    };
    update(store.getState());
    return store.subscribe(update);
  }, [store]);
  return (
    <div
      ref={layer}
      aria-hidden
      data-testid="dot-grid"
      className="beluga-dot-grid"
      style={{ width: `calc(100% + ${OVERHANG}px)`, height: `calc(100% + ${OVERHANG}px)` }}
    />
  );
}
