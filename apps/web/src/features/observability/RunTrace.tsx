import { useQuery } from '@tanstack/react-query';
import { api, errorInfo } from '../../lib/trpc';
import { formatDuration } from '../runs/runFormat';
import { Section } from '../runs/JsonBlock';
import { traceRows, type TraceRow } from './traceRows';

const SERVICE_COLOURS: Record<string, string> = {
  'beluga-web': 'bg-violet-500',
  'beluga-server': 'bg-sky-500',
  'beluga-worker': 'bg-emerald-500',
};

/**
 * A run's trace as a waterfall: the click in the browser, the API call, the run and each node
 * (or the Temporal workflow and its activities), as this server kept it. Fetched again when the
 * run's status changes, so the finished run shows every node.
 */
export function RunTrace({ runId, status }: { runId: string; status: string }) {
  const trace = useQuery({
    queryKey: ['runs.trace', runId, status],
    queryFn: () => api.runs.trace.query({ runId }),
    // The browser's click reaches the server a moment after the run's spans: while a span's
    // parent is missing, ask again a few times.
    refetchInterval: (query) =>
      hasOrphans(query.state.data?.spans ?? []) && query.state.dataUpdateCount < 10 ? 1000 : false,
  });
  return (
    <Section title="Trace">
      {trace.isPending ? (
        <p className="text-xs text-slate-500">Loading the trace…</p>
      ) : trace.isError ? (
        <p role="alert" className="text-xs text-red-600">
          {errorInfo(trace.error).message}
        </p>
      ) : !trace.data.kept ? (
        <p className="text-xs text-slate-500">This server keeps no traces (BELUGA_TRACE_VIEW).</p>
      ) : trace.data.spans.length === 0 ? (
        <p className="text-xs text-slate-500">
          No spans kept for this run (an older run, or one the server has let go).
        </p>
      ) : (
        <Waterfall
          rows={traceRows(trace.data.spans, MAX_ROWS)}
          total={trace.data.spans.length + trace.data.dropped}
          traceId={trace.data.traceId}
        />
      )}
    </Section>
  );
}

function hasOrphans(spans: readonly { spanId: string; parentSpanId: string }[]): boolean {
  const ids = new Set(spans.map((span) => span.spanId));
  return spans.some((span) => span.parentSpanId !== '' && !ids.has(span.parentSpanId));
}

/** Rows drawn at most: a 5,000-node run's trace is summarised, not drawn whole. */
const MAX_ROWS = 400;

interface WaterfallProps {
  rows: TraceRow[];
  total: number;
  traceId: string | null;
}

function Waterfall({ rows, total, traceId }: WaterfallProps) {
  return (
    <div data-testid="trace-waterfall" data-trace-id={traceId ?? ''} className="flex flex-col">
      <p className="mb-1 font-mono text-[10px] text-slate-400">trace {traceId}</p>
      <ol className="flex flex-col gap-px">
        {rows.map((row) => (
          <WaterfallRow key={row.span.spanId} row={row} />
        ))}
      </ol>
      {total > rows.length && (
        <p className="mt-1 text-[10px] text-slate-400">
          The first {rows.length} of {total} spans.
        </p>
      )}
    </div>
  );
}

function WaterfallRow({ row }: { row: TraceRow }) {
  const { span } = row;
  const colour = span.error ? 'bg-red-500' : (SERVICE_COLOURS[span.service] ?? 'bg-slate-400');
  return (
    <li
      data-testid="trace-span"
      data-name={span.name}
      data-depth={row.depth}
      data-service={span.service}
      title={`${span.name} · ${span.service} · ${formatDuration(span.durationMs)}`}
      className="grid grid-cols-[minmax(0,11rem)_1fr_3.5rem] items-center gap-2 text-[11px]"
    >
      <span className="truncate" style={{ paddingLeft: `${Math.min(row.depth, 12) * 8}px` }}>
        {span.name}
      </span>
      <span className="relative h-2.5 rounded-sm bg-slate-100 dark:bg-slate-800">
        <span
          className={`absolute inset-y-0 rounded-sm ${colour}`}
          style={{ left: `${row.offset * 100}%`, width: `${row.width * 100}%` }}
        />
      </span>
      <span className="text-right text-slate-500 tabular-nums">
        {formatDuration(span.durationMs)}
      </span>
    </li>
  );
}
