import type { useStoreApi } from '@xyflow/react';
import { useRunView } from '../../runs/runStore';
import { overviewScene, type OverviewBox, type OverviewLink } from '../model/overview';
import type { FlowNode, GraphFlowEdge } from '../model/toFlow';
import { useValidation } from '../validation/validationStore';
import { drawOverview, overviewPalette } from './drawOverview';

export type FlowStore = ReturnType<typeof useStoreApi<FlowNode, GraphFlowEdge>>;

function toBox(node: FlowNode): OverviewBox {
  const box = {
    id: node.id,
    x: node.position.x,
    y: node.position.y,
    width: node.measured?.width ?? node.width ?? 0,
    height: node.measured?.height ?? node.height ?? 0,
    selected: Boolean(node.selected),
  };
  return node.type === 'note' ? { ...box, note: node.data.note.color } : box;
}

/** The canvas's boxes, rebuilt only when React Flow's nodes change (not on every pan). */
export function createBoxCache(): (nodes: readonly FlowNode[]) => OverviewBox[] {
  let from: readonly FlowNode[] | undefined;
  let boxes: OverviewBox[] = [];
  return (nodes) => {
    if (nodes !== from) {
      from = nodes;
      boxes = nodes.map(toBox);
    }
    return boxes;
  };
}

const isDark = () => document.documentElement.classList.contains('dark');

export interface OverviewPainter {
  setLinks: (links: readonly OverviewLink[]) => void;
  dispose: () => void;
}

/** What part of the flow plane the canvas shows, and at what size. */
export interface PainterView {
  transform: readonly [number, number, number];
  width: number;
  height: number;
}

export interface OverviewPainterOptions {
  /** The view to draw: React Flow's own (the canvas) or one that fits the graph (the minimap). */
  viewOf: (state: ReturnType<FlowStore['getState']>, boxes: readonly OverviewBox[]) => PainterView;
  /** Called after each draw, with how many nodes were drawn. */
  onDrawn?: (count: number, view: PainterView) => void;
  /** Draw at most this often (the minimap need not follow a run at 60 frames a second). */
  minIntervalMs?: number;
}

/**
 * Draws the overview at most once per animation frame, and only when something it shows changed:
 * the view, the nodes, the shown run's states, the problems, the theme. Reads the stores
 * directly: nothing here goes through React, so a pan or a run costs one canvas draw per frame.
 */
export function createOverviewPainter(
  canvas: HTMLCanvasElement,
  store: FlowStore,
  { viewOf, onDrawn, minIntervalMs = 0 }: OverviewPainterOptions,
): OverviewPainter {
  const ctx = canvas.getContext('2d');
  const boxesOf = createBoxCache();
  let links: readonly OverviewLink[] = [];
  let pending = 0;
  let waiting: number | undefined;
  let drawnAt = -Infinity;
  let drawn: unknown[] = [];

  const draw = () => {
    pending = 0;
    const state = store.getState();
    const boxes = boxesOf(state.nodes);
    const view = viewOf(state, boxes);
    const { width, height } = view;
    const [tx, ty, zoom] = view.transform;
    const run = useRunView.getState();
    const { byNode } = useValidation.getState();
    const dark = isDark();
    const r = window.devicePixelRatio || 1;
    const inputs = [
      boxes,
      tx,
      ty,
      zoom,
      width,
      height,
      r,
      run.nodes,
      run.edgeFlow,
      byNode,
      links,
      dark,
    ];
    if (!ctx || inputs.every((value, i) => value === drawn[i])) return;
    drawn = inputs;
    drawnAt = performance.now();
    if (canvas.width !== Math.round(width * r)) canvas.width = Math.round(width * r);
    if (canvas.height !== Math.round(height * r)) canvas.height = Math.round(height * r);
    const scene = overviewScene({
      boxes,
      links,
      statusOf: (id) => run.nodes[id]?.status,
      flowOf: (id) => run.edgeFlow[id],
      hasProblems: (id) => (byNode[id]?.length ?? 0) > 0,
      view: { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom },
    });
    const palette = overviewPalette(dark);
    drawOverview(ctx, scene, { ...view, pixelRatio: r, palette });
    onDrawn?.(scene.count, view);
  };
  const frame = () => {
    waiting = undefined;
    pending ||= requestAnimationFrame(draw);
  };
  const schedule = () => {
    if (pending || waiting !== undefined) return;
    const wait = drawnAt + minIntervalMs - performance.now();
    if (wait > 0) waiting = window.setTimeout(frame, wait);
    else frame();
  };
  const stops = [
    store.subscribe(schedule),
    useRunView.subscribe(schedule),
    useValidation.subscribe(schedule),
  ];
  const theme = new MutationObserver(schedule);
  theme.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  schedule();
  return {
    setLinks(next) {
      links = next;
      schedule();
    },
    dispose() {
      cancelAnimationFrame(pending);
      window.clearTimeout(waiting);
      theme.disconnect();
      for (const stop of stops) stop();
    },
  };
}
