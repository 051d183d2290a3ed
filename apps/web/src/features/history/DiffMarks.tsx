import { EdgeLabelRenderer } from '@xyflow/react';
import { DIFF_LOOK, type MarkedState } from './diffLook';
import { formatChange } from './valueChanges';
import type { ElementDiff } from './versionDiff';

/** How many changed values a node lists on the canvas; the compare bar lists them all. */
const SHOWN_CHANGES = 3;

/** The state of a node or an edge in words, with its icon, in its colour. */
export function DiffBadge({ state }: { state: MarkedState }) {
  const look = DIFF_LOOK[state];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded px-1.5 py-px text-[11px] font-medium ${look.badge}`}
    >
      <look.Icon aria-hidden className="size-3" />
      {look.label}
    </span>
  );
}

/** Under a node's title in the comparison: its state, and the values that changed, compactly. */
export function NodeDiffMark({ diff }: { diff: ElementDiff }) {
  if (diff.state === 'unchanged') return null;
  const lines = diff.changes.map(formatChange);
  const hidden = lines.length - SHOWN_CHANGES;
  return (
    <div
      data-testid="node-diff"
      className="border-t border-slate-100 px-3 py-1 dark:border-slate-800"
    >
      <DiffBadge state={diff.state} />
      {lines.length > 0 && (
        <ul aria-label="Changed values" className="mt-1 font-mono text-[10px] leading-4">
          {lines.slice(0, SHOWN_CHANGES).map((line) => (
            <li key={line} title={line} className="truncate">
              {line}
            </li>
          ))}
          {hidden > 0 && <li className="text-slate-500">+{hidden} more</li>}
        </ul>
      )}
    </div>
  );
}

export interface EdgeDiffMarkProps {
  id: string;
  source: string;
  target: string;
  diff: ElementDiff;
  x: number;
  y: number;
}

/** Halfway along an edge in the comparison: its state, with what changed as the tooltip. */
export function EdgeDiffMark({ id, source, target, diff, x, y }: EdgeDiffMarkProps) {
  if (diff.state === 'unchanged') return null;
  const lines = diff.changes.map(formatChange);
  return (
    <EdgeLabelRenderer>
      <span
        data-testid="edge-diff"
        data-edge-id={id}
        data-diff={diff.state}
        title={lines.join('\n') || undefined}
        style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}
        className="nodrag nopan pointer-events-auto absolute rounded bg-white dark:bg-slate-900"
      >
        <span className="sr-only">
          Edge {source} → {target}:{' '}
        </span>
        <DiffBadge state={diff.state} />
      </span>
    </EdgeLabelRenderer>
  );
}
