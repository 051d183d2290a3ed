import { memo, useMemo, useRef } from 'react';
import { formatDuration, NODE_STATUS } from './runFormat';
import { useRunView } from './runStore';
import type { AttemptSpan, NodeRunState } from './runTypes';
import { useNodeLabel } from './useNodeLabel';
import { useRowWindow } from './useRowWindow';
import { useSampledRunNodes } from './useSampledRunNodes';

/** Height of a row in px (`h-6`): the windowed list places rows by it. */
const ROW_HEIGHT = 24;
/** Past this many nodes only the rows in view are rendered. */
const WINDOW_FROM = 200;
/** The rows' order and bars follow the run at most this often (the clocks tick every 500 ms). */
const SAMPLE_MS = 200;

interface TimelineProps {
  /** Start of the time axis (the run's creation), ms since the epoch. */
  from: number;
  /** End of the time axis: the run's end, or now while it runs. */
  to: number;
  now: number;
}

/** Started nodes by start time, then the others in document order. */
function ordered(nodes: Record<string, NodeRunState>): NodeRunState[] {
  return Object.values(nodes).sort((a, b) => (a.startedAt ?? Infinity) - (b.startedAt ?? Infinity));
}

/** A Gantt chart of the run: one row per node, one bar per attempt, waiting in violet. */
export function RunTimeline({ from, to, now }: TimelineProps) {
  const nodes = useSampledRunNodes(SAMPLE_MS);
  const rows = useMemo(() => ordered(nodes), [nodes]);
  const span = Math.max(1, to - from);
  const list = useRef<HTMLDivElement>(null);
  const windowed = rows.length > WINDOW_FROM;
  const { start, end } = useRowWindow(list, {
    count: rows.length,
    rowHeight: ROW_HEIGHT,
    enabled: windowed,
  });
  return (
    <div role="list" aria-label="Timeline" data-testid="run-timeline" className="flex flex-col">
      <div ref={list} style={windowed ? { height: rows.length * ROW_HEIGHT } : undefined}>
        <div style={windowed ? { transform: `translateY(${start * ROW_HEIGHT}px)` } : undefined}>
          {rows.slice(start, end).map((node, i) => (
            <TimelineRow
              key={node.nodeId}
              node={node}
              from={from}
              span={span}
              now={now}
              still={windowed}
              {...(windowed ? { position: { index: start + i + 1, of: rows.length } } : {})}
            />
          ))}
        </div>
      </div>
      <div className="mt-1 flex justify-between pl-24 text-[10px] text-slate-400">
        <span>0</span>
        <span>{formatDuration(span)}</span>
      </div>
    </div>
  );
}

interface RowProps {
  node: NodeRunState;
  from: number;
  span: number;
  now: number;
  /** No pulsing bars: a big run has dozens running at once, each a repaint on every frame. */
  still: boolean;
  /** In a windowed list: the row's place among all rows, for assistive technology. */
  position?: { index: number; of: number };
}

const TimelineRow = memo(function TimelineRow({
  node,
  from,
  span,
  now,
  still,
  position,
}: RowProps) {
  const label = useNodeLabel(node.nodeId);
  const spans = useRunView((state) => state.attempts[node.nodeId]);
  const selected = useRunView((state) => state.selectedNodeId === node.nodeId);
  const look = NODE_STATUS[node.status];
  const dim = node.status === 'skipped' || node.status === 'pending' || node.status === 'cancelled';
  const pct = (ms: number) => `${Math.min(100, Math.max(0, ((ms - from) / span) * 100))}%`;
  const width = (start: number, end: number) =>
    `max(3px, ${Math.min(100, Math.max(0, ((end - start) / span) * 100))}%)`;
  const duration =
    node.durationMs ?? (node.startedAt === undefined ? undefined : now - node.startedAt);
  return (
    <div role="listitem" aria-posinset={position?.index} aria-setsize={position?.of}>
      <button
        type="button"
        data-testid="timeline-row"
        data-node-id={node.nodeId}
        data-status={node.status}
        aria-pressed={selected}
        aria-label={`${label}: ${look.label}${node.attempt > 1 ? `, attempt ${node.attempt}` : ''}`}
        onClick={() => useRunView.getState().selectNode(node.nodeId)}
        className={`flex h-6 w-full items-center gap-2 rounded px-1 text-left text-xs hover:bg-slate-100 dark:hover:bg-slate-800 ${selected ? 'bg-sky-50 dark:bg-sky-950/50' : ''} ${dim ? 'opacity-50' : ''}`}
      >
        <span className="flex w-22 shrink-0 items-center gap-1 truncate">
          <look.Icon aria-hidden className={`size-3 shrink-0 ${look.text}`} />
          <span className="truncate">{label}</span>
        </span>
        <span className="relative h-3 min-w-0 flex-1 rounded-sm bg-slate-100 dark:bg-slate-800">
          {(spans ?? []).map((attempt) => (
            <AttemptBar
              key={`${attempt.attempt}-${attempt.startedAt}`}
              attempt={attempt}
              end={attempt.endedAt ?? now}
              left={pct(attempt.startedAt)}
              width={width}
              pct={pct}
              still={still}
            />
          ))}
          {node.status === 'skipped' && (
            <span className="absolute inset-0 flex items-center pl-1 text-[9px] text-slate-500">
              skipped
            </span>
          )}
        </span>
        <span className="w-14 shrink-0 text-right text-[10px] text-slate-500 tabular-nums">
          {duration === undefined ? '' : formatDuration(duration)}
          {node.attempt > 1 ? ` ×${node.attempt}` : ''}
        </span>
      </button>
    </div>
  );
});

const OUTCOME_BAR: Record<AttemptSpan['outcome'], string> = {
  running: 'bg-sky-500',
  retried:
    'bg-red-400 bg-[repeating-linear-gradient(45deg,transparent_0_3px,rgba(255,255,255,.45)_3px_6px)]',
  succeeded: 'bg-emerald-500',
  failed: 'bg-red-500',
  cancelled: 'bg-slate-400',
};

interface AttemptBarProps {
  attempt: AttemptSpan;
  end: number;
  left: string;
  width: (start: number, end: number) => string;
  pct: (ms: number) => string;
  still: boolean;
}

function AttemptBar({ attempt, end, left, width, pct, still }: AttemptBarProps) {
  const title = `Attempt ${attempt.attempt}: ${attempt.outcome}${attempt.error ? ` (${attempt.error.code}: ${attempt.error.message})` : ''}`;
  return (
    <>
      <span
        data-testid="timeline-bar"
        data-outcome={attempt.outcome}
        data-attempt={attempt.attempt}
        title={title}
        className={`absolute top-0 h-3 rounded-sm ${OUTCOME_BAR[attempt.outcome]} ${attempt.outcome === 'running' && !still ? 'animate-pulse' : ''}`}
        style={{ left, width: width(attempt.startedAt, end) }}
      />
      {attempt.waitingSince !== undefined && (
        <span
          data-testid="timeline-waiting"
          title="Waiting for approval"
          className="absolute top-0 h-3 rounded-sm bg-violet-500/80"
          style={{ left: pct(attempt.waitingSince), width: width(attempt.waitingSince, end) }}
        />
      )}
      {attempt.outcome === 'retried' && (
        <span
          aria-hidden
          title={`Retry after ${attempt.delayMs ?? 0} ms`}
          className="absolute -top-0.5 h-4 w-0.5 bg-red-700"
          style={{ left: pct(end) }}
        />
      )}
    </>
  );
}
