import { RefreshCw } from 'lucide-react';
import { resumeRun } from './runSession';
import { useRunView, type RunConnection } from './runStore';

const LOOK: Partial<Record<RunConnection, { label: string; dot: string }>> = {
  connecting: { label: 'Connecting…', dot: 'bg-slate-400 animate-pulse' },
  live: { label: 'Live', dot: 'bg-emerald-500' },
  reconnecting: { label: 'Reconnecting…', dot: 'bg-amber-500 animate-pulse' },
  error: { label: 'Disconnected', dot: 'bg-red-500' },
};

/** Whether the shown run's events are arriving: live, (re)connecting, or lost with a retry. */
export function ConnectionIndicator() {
  const connection = useRunView((state) => state.connection);
  const error = useRunView((state) => state.connectionError);
  const look = LOOK[connection];
  if (!look) return null;
  return (
    <span
      role="status"
      data-testid="run-connection"
      data-state={connection}
      title={error}
      className="inline-flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-300"
    >
      <span aria-hidden className={`size-2 rounded-full ${look.dot}`} />
      {look.label}
      {connection === 'error' && (
        <button
          type="button"
          onClick={resumeRun}
          className="inline-flex items-center gap-1 rounded px-1 text-sky-700 hover:bg-slate-100 dark:text-sky-300 dark:hover:bg-slate-800"
        >
          <RefreshCw aria-hidden className="size-3" />
          Retry
        </button>
      )}
    </span>
  );
}
