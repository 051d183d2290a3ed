import { CircleMinus, CirclePlus, Move, PenLine, type LucideIcon } from 'lucide-react';
import type { CSSProperties } from 'react';
import type { DiffState } from './versionDiff';

export type MarkedState = Exclude<DiffState, 'unchanged'>;

export interface DiffLook {
  /** Said in words next to the colour, so the colour is never the only sign. */
  label: string;
  Icon: LucideIcon;
  /** Badge fill and text. */
  badge: string;
  /** A node's border and glow. */
  frame: string;
  /** An edge's stroke. */
  edge: CSSProperties;
}

export const DIFF_LOOK: Record<MarkedState, DiffLook> = {
  added: {
    label: 'Added',
    Icon: CirclePlus,
    badge: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200',
    frame: 'border-emerald-500 ring-2 ring-emerald-400/60',
    edge: { stroke: '#059669', strokeWidth: 2.5 },
  },
  removed: {
    label: 'Removed',
    Icon: CircleMinus,
    badge: 'bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-200',
    frame: 'border-red-400 border-dashed opacity-60',
    edge: { stroke: '#dc2626', strokeWidth: 2, strokeDasharray: '6 4', opacity: 0.7 },
  },
  changed: {
    label: 'Changed',
    Icon: PenLine,
    badge: 'bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-200',
    frame: 'border-amber-500 ring-2 ring-amber-400/60',
    edge: { stroke: '#d97706', strokeWidth: 2.5 },
  },
  moved: {
    label: 'Moved',
    Icon: Move,
    badge: 'bg-sky-100 text-sky-800 dark:bg-sky-900/60 dark:text-sky-200',
    frame: 'border-sky-500 ring-1 ring-sky-400/50',
    edge: {},
  },
};

export const MARKED_STATES: readonly MarkedState[] = ['added', 'removed', 'changed', 'moved'];

/** A node's border in the comparison shown: unchanged nodes keep the usual one. */
export function diffFrame(state: DiffState): string {
  return state === 'unchanged' ? 'border-slate-300 dark:border-slate-700' : DIFF_LOOK[state].frame;
}

/** An edge's stroke in the comparison shown (an unchanged edge is drawn faint). */
export function diffEdgeStyle(state: DiffState): CSSProperties {
  return state === 'unchanged' ? { opacity: 0.5 } : DIFF_LOOK[state].edge;
}
