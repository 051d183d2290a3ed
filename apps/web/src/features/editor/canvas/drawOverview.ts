import type { BoxLook, LinkLook, OverviewBox, OverviewScene, Segment } from '../model/overview';

/** Colours of the overview: Tailwind's palette, as the node components use it. */
interface OverviewPalette {
  boxes: Record<BoxLook, string>;
  idleStroke: string;
  links: Record<LinkLook, string>;
  selected: string;
  problem: string;
}

const RUN_FILLS: Record<string, string> = {
  pending: '#cbd5e1',
  queued: '#94a3b8',
  running: '#0ea5e9',
  retrying: '#f59e0b',
  waiting: '#8b5cf6',
  succeeded: '#10b981',
  failed: '#ef4444',
  skipped: '#e2e8f0',
  cancelled: '#cbd5e1',
};

const NOTE_FILLS: Record<string, string> = {
  'note-yellow': '#fef08a',
  'note-blue': '#bfdbfe',
  'note-green': '#bbf7d0',
  'note-pink': '#fbcfe8',
  'note-gray': '#e5e7eb',
};

const LIGHT: OverviewPalette = {
  boxes: { ...NOTE_FILLS, ...RUN_FILLS, idle: '#ffffff' },
  idleStroke: '#94a3b8',
  links: { plain: '#94a3b8', flowing: '#0284c7', silent: '#e2e8f0' },
  selected: '#0ea5e9',
  problem: '#dc2626',
};

const DARK: OverviewPalette = {
  boxes: {
    ...NOTE_FILLS,
    ...RUN_FILLS,
    pending: '#334155',
    skipped: '#1e293b',
    cancelled: '#334155',
    idle: '#0f172a',
  },
  idleStroke: '#64748b',
  links: { plain: '#64748b', flowing: '#38bdf8', silent: '#1e293b' },
  selected: '#38bdf8',
  problem: '#f87171',
};

export function overviewPalette(dark: boolean): OverviewPalette {
  return dark ? DARK : LIGHT;
}

function rects(boxes: readonly OverviewBox[], inset = 0): Path2D {
  const path = new Path2D();
  for (const b of boxes)
    path.rect(b.x - inset, b.y - inset, b.width + 2 * inset, b.height + 2 * inset);
  return path;
}

/** Edges as the bezier React Flow draws between a right and a left handle. */
function curves(segments: readonly Segment[]): Path2D {
  const path = new Path2D();
  for (const s of segments) {
    const bend = Math.max(Math.abs(s.x2 - s.x1) / 2, 25);
    path.moveTo(s.x1, s.y1);
    path.bezierCurveTo(s.x1 + bend, s.y1, s.x2 - bend, s.y2, s.x2, s.y2);
  }
  return path;
}

export interface OverviewFrame {
  /** React Flow's transform: pan x, pan y, zoom. */
  transform: readonly [number, number, number];
  width: number;
  height: number;
  pixelRatio: number;
  palette: OverviewPalette;
}

/** Draws the scene: edges, then boxes by look (notes first), then problem and selection frames. */
export function drawOverview(
  ctx: CanvasRenderingContext2D,
  scene: OverviewScene,
  frame: OverviewFrame,
): void {
  const { transform, pixelRatio: r, palette } = frame;
  const [tx, ty, zoom] = transform;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, frame.width * r, frame.height * r);
  ctx.setTransform(r * zoom, 0, 0, r * zoom, r * tx, r * ty);
  const px = 1 / zoom; // one CSS pixel in flow units
  ctx.lineWidth = px;
  for (const [look, segments] of scene.links) {
    ctx.strokeStyle = palette.links[look];
    ctx.lineWidth = look === 'flowing' ? 2 * px : px;
    ctx.stroke(curves(segments));
  }
  ctx.lineWidth = px;
  for (const [look, boxes] of scene.boxes) {
    const path = rects(boxes);
    ctx.fillStyle = palette.boxes[look] ?? palette.boxes.idle!;
    ctx.fill(path);
    if (look === 'idle') {
      ctx.strokeStyle = palette.idleStroke;
      ctx.stroke(path);
    }
  }
  if (scene.problems.length > 0) {
    ctx.strokeStyle = palette.problem;
    ctx.lineWidth = 2 * px;
    ctx.stroke(rects(scene.problems));
  }
  if (scene.selected.length > 0) {
    ctx.strokeStyle = palette.selected;
    ctx.lineWidth = 2 * px;
    ctx.stroke(rects(scene.selected, 3 * px));
  }
}
