import type { NoteColor } from './notes';

/**
 * The far-zoom overview: when a big graph is zoomed out so far that its nodes cannot be read,
 * the canvas draws them as coloured boxes on one <canvas> instead of mounting a component per
 * node (2,000 nodes and edges as DOM elements cost more to paint and hit-test than a frame has).
 * This file is the pure part: which boxes and lines to draw, grouped by look, and what a click hits.
 */

/** Below this zoom a big graph is drawn as the overview (a node's 14 px label is under 6 px). */
export const OVERVIEW_BELOW_ZOOM = 0.4;
/** The zoom a click on the overview brings a node to. */
export const OVERVIEW_CLICK_ZOOM = 1;

export interface OverviewBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  selected: boolean;
  /** Sticky notes: their colour (they are drawn under the nodes). */
  note?: NoteColor;
}

export interface OverviewLink {
  id: string;
  source: string;
  target: string;
}

/** What an edge looks like: plain, data flowing along it, or silent (the branch not taken). */
export type LinkLook = 'plain' | 'flowing' | 'silent';
/** What a box looks like: its run status, `idle` (no run state), or a note's colour. */
export type BoxLook = string;

/** The visible part of the flow plane, in flow coordinates. */
export interface FlowRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface OverviewInput {
  boxes: readonly OverviewBox[];
  links: readonly OverviewLink[];
  /** Run status by node id (the shown run), absent for nodes it has not reached. */
  statusOf: (id: string) => string | undefined;
  /** Edge flow by edge id in the shown run. */
  flowOf: (id: string) => string | undefined;
  /** Nodes with validation problems. */
  hasProblems: (id: string) => boolean;
  view: FlowRect;
}

/** A line from the right middle of its source to the left middle of its target. */
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface OverviewScene {
  /** Boxes by look, in drawing order (notes first). */
  boxes: Map<BoxLook, OverviewBox[]>;
  selected: OverviewBox[];
  problems: OverviewBox[];
  links: Map<LinkLook, Segment[]>;
  /** How many boxes are on screen. */
  count: number;
}

function overlaps(box: FlowRect, view: FlowRect): boolean {
  return (
    box.x < view.x + view.width &&
    box.x + box.width > view.x &&
    box.y < view.y + view.height &&
    box.y + box.height > view.y
  );
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function lookOfBox(box: OverviewBox, input: OverviewInput): BoxLook {
  if (box.note) return `note-${box.note}`;
  return input.statusOf(box.id) ?? 'idle';
}

function lookOfLink(flow: string | undefined): LinkLook {
  return flow === 'flowing' ? 'flowing' : flow === 'silent' ? 'silent' : 'plain';
}

function linkSegments(input: OverviewInput, byId: Map<string, OverviewBox>) {
  const links = new Map<LinkLook, Segment[]>();
  const { view } = input;
  for (const link of input.links) {
    const from = byId.get(link.source);
    const to = byId.get(link.target);
    if (!from || !to) continue;
    const segment = {
      x1: from.x + from.width,
      y1: from.y + from.height / 2,
      x2: to.x,
      y2: to.y + to.height / 2,
    };
    const bounds = {
      x: Math.min(segment.x1, segment.x2),
      y: Math.min(segment.y1, segment.y2),
      width: Math.abs(segment.x2 - segment.x1),
      height: Math.abs(segment.y2 - segment.y1),
    };
    if (overlaps({ ...bounds, width: bounds.width + 1, height: bounds.height + 1 }, view)) {
      push(links, lookOfLink(input.flowOf(link.id)), segment);
    }
  }
  return links;
}

/** The boxes and lines on screen, grouped by how they are drawn (one path per group). */
export function overviewScene(input: OverviewInput): OverviewScene {
  const boxes = new Map<BoxLook, OverviewBox[]>();
  const selected: OverviewBox[] = [];
  const problems: OverviewBox[] = [];
  const byId = new Map<string, OverviewBox>();
  let count = 0;
  for (const box of input.boxes) {
    byId.set(box.id, box);
    if (!overlaps(box, input.view)) continue;
    count++;
    push(boxes, lookOfBox(box, input), box);
    if (box.selected) selected.push(box);
    if (!box.note && input.hasProblems(box.id)) problems.push(box);
  }
  return { boxes, selected, problems, links: linkSegments(input, byId), count };
}

/** The box under a flow point: a node before a note under it, the topmost first. */
export function boxAt(
  boxes: readonly OverviewBox[],
  point: { x: number; y: number },
): OverviewBox | undefined {
  let note: OverviewBox | undefined;
  for (let i = boxes.length - 1; i >= 0; i--) {
    const box = boxes[i]!;
    const inside =
      point.x >= box.x &&
      point.x <= box.x + box.width &&
      point.y >= box.y &&
      point.y <= box.y + box.height;
    if (!inside) continue;
    if (!box.note) return box;
    note ??= box;
  }
  return note;
}
