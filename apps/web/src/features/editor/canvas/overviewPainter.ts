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

/**
 * Draws the overview at most once per animation frame, and only when something it shows changed:
 * the view, the nodes, the shown run's states, the problems, the theme. Reads the stores
 * directly: nothing here goes through React, so a pan or a run costs one canvas draw per frame.
 */
export function createOverviewPainter(
  canvas: HTMLCanvasElement,
  store: FlowStore,
): OverviewPainter {
  const ctx = canvas.getContext('2d');
  const boxesOf = createBoxCache();
  let links: readonly OverviewLink[] = [];
  let pending = 0;
  let drawn: unknown[] = [];

  const draw = () => {
    pending = 0;
    const { nodes, transform, width, height } = store.getState();
    const run = useRunView.getState();
    const { byNode } = useValidation.getState();
    const dark = isDark();
    const r = window.devicePixelRatio || 1;
    const inputs = [
      nodes,
      transform,
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
    if (canvas.width !== Math.round(width * r)) canvas.width = Math.round(width * r);
    if (canvas.height !== Math.round(height * r)) canvas.height = Math.round(height * r);
    const [tx, ty, zoom] = transform;
    const scene = overviewScene({
      boxes: boxesOf(nodes),
      links,
      statusOf: (id) => run.nodes[id]?.status,
      flowOf: (id) => run.edgeFlow[id],
      hasProblems: (id) => (byNode[id]?.length ?? 0) > 0,
      view: { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom },
    });
    drawOverview(ctx, scene, {
      transform,
      width,
      height,
      pixelRatio: r,
      palette: overviewPalette(dark),
    });
    // For tests and the benchmark: how many nodes are drawn, and for which view.
    canvas.dataset.nodes = String(scene.count);
    canvas.dataset.view = transform.join(',');
  };
  const schedule = () => {
    pending ||= requestAnimationFrame(draw);
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
      theme.disconnect();
      for (const stop of stops) stop();
    },
  };
}
