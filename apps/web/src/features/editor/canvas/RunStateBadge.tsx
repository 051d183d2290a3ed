import { NODE_STATUS } from '../../runs/runFormat';
import type { NodeRunState, NodeRunStatus } from '../../runs/runStore';

function badgeText(state: NodeRunState): string {
  const { label } = NODE_STATUS[state.status];
  return state.status === 'retrying' ? `${label} · attempt ${state.attempt}` : label;
}

/** The node's state in the run shown on the canvas. */
export function RunStateBadge({ state }: { state: NodeRunState }) {
  const look = NODE_STATUS[state.status];
  const text = badgeText(state);
  return (
    <span
      data-testid="run-state"
      data-status={state.status}
      className={`inline-flex items-center gap-1 text-[11px] font-medium ${look.text}`}
      title={state.error ? `${text}: ${state.error.message}` : text}
    >
      <look.Icon aria-hidden className={`size-3 ${look.spin ? 'animate-spin' : ''}`} />
      {text}
    </span>
  );
}

/** Border and glow of a node by run status. */
export const STATUS_FRAME: Partial<Record<NodeRunStatus, string>> = {
  queued: 'border-slate-400',
  running: 'border-sky-500 ring-2 ring-sky-400/50',
  retrying: 'border-amber-500 ring-2 ring-amber-400/50',
  waiting: 'border-violet-500 ring-2 ring-violet-400/50',
  succeeded: 'border-emerald-500',
  failed: 'border-red-500 ring-2 ring-red-400/40',
  skipped: 'opacity-50 border-dashed',
  cancelled: 'opacity-70 border-dashed',
};
