import {
  Ban,
  CircleCheck,
  CircleDashed,
  CircleX,
  Clock,
  Hand,
  LoaderCircle,
  RotateCw,
  SkipForward,
  type LucideIcon,
} from 'lucide-react';
import type { NodeRunState, NodeRunStatus } from '../../runs/runStore';

interface StatusLook {
  text: (state: NodeRunState) => string;
  Icon: LucideIcon;
  className: string;
  spin?: boolean;
}

export const STATUS_LOOK: Record<NodeRunStatus, StatusLook> = {
  pending: { text: () => 'Pending', Icon: CircleDashed, className: 'text-slate-500' },
  queued: { text: () => 'Queued', Icon: Clock, className: 'text-slate-600 dark:text-slate-300' },
  running: { text: () => 'Running', Icon: LoaderCircle, className: 'text-sky-600', spin: true },
  retrying: {
    text: (s) => `Retrying · attempt ${s.attempt}`,
    Icon: RotateCw,
    className: 'text-amber-600',
    spin: true,
  },
  waiting: { text: () => 'Waiting for approval', Icon: Hand, className: 'text-violet-600' },
  succeeded: { text: () => 'Succeeded', Icon: CircleCheck, className: 'text-emerald-600' },
  failed: { text: () => 'Failed', Icon: CircleX, className: 'text-red-600' },
  skipped: { text: () => 'Skipped', Icon: SkipForward, className: 'text-slate-400' },
  cancelled: { text: () => 'Cancelled', Icon: Ban, className: 'text-slate-500' },
};

/** The node's state in the run shown on the canvas. */
export function RunStateBadge({ state }: { state: NodeRunState }) {
  const look = STATUS_LOOK[state.status];
  const text = look.text(state);
  return (
    <span
      data-testid="run-state"
      data-status={state.status}
      className={`inline-flex items-center gap-1 text-[11px] font-medium ${look.className}`}
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
