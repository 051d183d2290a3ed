import {
  Ban,
  CircleAlert,
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
import type { NodeRunStatus, RunStatus } from './runTypes';

export interface StatusLook {
  label: string;
  Icon: LucideIcon;
  /** Text colour of the icon and label. */
  text: string;
  /** Fill of a timeline bar. */
  bar: string;
  spin?: boolean;
}

export const NODE_STATUS: Record<NodeRunStatus, StatusLook> = {
  pending: { label: 'Pending', Icon: CircleDashed, text: 'text-slate-500', bar: 'bg-slate-300' },
  queued: { label: 'Queued', Icon: Clock, text: 'text-slate-500', bar: 'bg-slate-400' },
  running: {
    label: 'Running',
    Icon: LoaderCircle,
    text: 'text-sky-600',
    bar: 'bg-sky-500',
    spin: true,
  },
  retrying: {
    label: 'Retrying',
    Icon: RotateCw,
    text: 'text-amber-600',
    bar: 'bg-amber-500',
    spin: true,
  },
  waiting: {
    label: 'Waiting for approval',
    Icon: Hand,
    text: 'text-violet-600',
    bar: 'bg-violet-500',
  },
  succeeded: {
    label: 'Succeeded',
    Icon: CircleCheck,
    text: 'text-emerald-600',
    bar: 'bg-emerald-500',
  },
  failed: { label: 'Failed', Icon: CircleX, text: 'text-red-600', bar: 'bg-red-500' },
  skipped: { label: 'Skipped', Icon: SkipForward, text: 'text-slate-400', bar: 'bg-slate-300' },
  cancelled: { label: 'Cancelled', Icon: Ban, text: 'text-slate-500', bar: 'bg-slate-400' },
};

export const RUN_STATUS: Record<RunStatus, StatusLook> = {
  running: NODE_STATUS.running,
  succeeded: NODE_STATUS.succeeded,
  failed: NODE_STATUS.failed,
  cancelled: NODE_STATUS.cancelled,
  interrupted: {
    label: 'Interrupted',
    Icon: CircleAlert,
    text: 'text-orange-600',
    bar: 'bg-orange-500',
  },
};

/** 850 ms, 12.3 s, 4 min 05 s, 2 h 03 min. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 3600)
    return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  const minutes = Math.floor(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** "just now", "5 min ago", "3 h ago", else the date. */
export function formatWhen(iso: string, now = Date.now()): string {
  const ms = now - Date.parse(iso);
  if (ms < 45_000) return 'just now';
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min ago`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h ago`;
  return new Date(iso).toLocaleString();
}

/** A run's duration, to now while it runs. */
export function runDurationMs(run: { createdAt: string; finishedAt: string | null }, now: number) {
  return (run.finishedAt ? Date.parse(run.finishedAt) : now) - Date.parse(run.createdAt);
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}
