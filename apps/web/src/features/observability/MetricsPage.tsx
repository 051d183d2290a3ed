import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { formatDuration } from '../runs/runFormat';
import { summarise, type Scrape } from './metricsSummary';
import { parsePrometheus } from './prometheus';

/** How often the page scrapes /metrics, and how far back runs per minute look. */
const SCRAPE_MS = 5000;
const WINDOW_MS = 60_000;

async function scrape(): Promise<Scrape> {
  const response = await fetch('/metrics');
  if (!response.ok) throw new Error(`The server's metrics are off (${response.status})`);
  return { at: Date.now(), samples: parsePrometheus(await response.text()) };
}

/**
 * A small live view of this server's metrics (its /metrics, scraped every 5 s): runs per minute,
 * the error rate, active runs, p50/p95 node durations, open event streams.
 */
export function MetricsPage() {
  const history = useRef<Scrape[]>([]);
  const metrics = useQuery({
    queryKey: ['metrics'],
    queryFn: async () => {
      const latest = await scrape();
      history.current = [...history.current, latest].filter(
        (item) => latest.at - item.at <= WINDOW_MS,
      );
      return summarise(history.current);
    },
    refetchInterval: SCRAPE_MS,
  });
  const summary = metrics.data;
  const percent = (rate: number | undefined) =>
    rate === undefined ? '–' : `${(rate * 100).toFixed(1)} %`;
  const ms = (value: number | undefined) => (value === undefined ? '–' : formatDuration(value));
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4 p-6">
      <h1 className="text-lg font-semibold">Metrics</h1>
      <p className="text-xs text-slate-500">
        This server since it started, from its <a href="/metrics">/metrics</a> (Prometheus), scraped
        every 5 s. Node durations cover the runs whose events this server stores.
      </p>
      {metrics.isError && (
        <p role="alert" className="text-sm text-red-600">
          {metrics.error.message}
        </p>
      )}
      {summary && (
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          <Figure
            id="runs-per-minute"
            label="Runs per minute (last minute)"
            value={summary.runsPerMinute === undefined ? '–' : summary.runsPerMinute.toFixed(1)}
            raw={summary.runsPerMinute}
          />
          <Figure
            id="runs-started"
            label="Runs started"
            value={String(summary.runsStarted)}
            raw={summary.runsStarted}
          />
          <Figure
            id="error-rate"
            label="Error rate (local runs)"
            value={percent(summary.errorRate)}
            raw={summary.errorRate}
          />
          <Figure
            id="active-runs"
            label="Active local runs"
            value={String(summary.activeRuns)}
            raw={summary.activeRuns}
          />
          <Figure
            id="node-p50"
            label="Node p50"
            value={ms(summary.nodeP50Ms)}
            raw={summary.nodeP50Ms}
          />
          <Figure
            id="node-p95"
            label="Node p95"
            value={ms(summary.nodeP95Ms)}
            raw={summary.nodeP95Ms}
          />
          <Figure
            id="streams"
            label="Open run streams"
            value={String(summary.streams)}
            raw={summary.streams}
          />
        </dl>
      )}
    </div>
  );
}

interface FigureProps {
  id: string;
  label: string;
  value: string;
  raw: number | undefined;
}

function Figure({ id, label, value, raw }: FigureProps) {
  return (
    <div
      data-testid={`metric-${id}`}
      data-value={raw === undefined ? '' : String(raw)}
      className="rounded-md border border-slate-200 p-3 dark:border-slate-800"
    >
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}
