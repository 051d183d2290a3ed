import { Position, type NodeHandle } from '@xyflow/react';
import type { NodeTypeInfo } from './catalogTypes';

/** Past this many nodes the canvas renders only what is on screen. */
export const VIRTUALIZE_FROM = 300;

// GraphNodeView as Chromium lays it out: 224 px wide (w-56), a 52 px header under a 1 px
// border, then one 20 px row per port pair 2 px apart between 4 px paddings; 10 px handles
// centred on the side borders.
const WIDTH = 224;
const FIRST_HANDLE_Y = 62;
const ROW = 22;
const HANDLE = 10;

export interface NodeGeometry {
  measured: { width: number; height: number };
  handles: NodeHandle[];
}

function portHandles(ports: NodeTypeInfo['inputs'], type: 'source' | 'target'): NodeHandle[] {
  return ports.map((port, i) => ({
    id: port.name,
    type,
    position: type === 'target' ? Position.Left : Position.Right,
    x: type === 'target' ? -HANDLE / 2 + 1 : WIDTH - HANDLE / 2 - 1,
    y: FIRST_HANDLE_Y + i * ROW,
    width: HANDLE,
    height: HANDLE,
  }));
}

/**
 * The size and handles a node of this type will have once rendered. React Flow renders every
 * node once to measure it, even with only visible elements on; given these, it renders only the
 * nodes in view and measures them as they appear (a node that turns out different is measured
 * again). An estimate is dropped once React Flow has measured the node.
 */
export function estimateGeometry(spec: NodeTypeInfo | undefined): NodeGeometry | undefined {
  if (!spec) return undefined;
  const rows = Math.max(spec.inputs.length, spec.outputs.length);
  return {
    measured: { width: WIDTH, height: FIRST_HANDLE_Y - 2 + rows * ROW },
    handles: [...portHandles(spec.inputs, 'target'), ...portHandles(spec.outputs, 'source')],
  };
}
