import { histogramQuantile, sum, type Sample } from './prometheus';

/** One scrape of /metrics, and when it was taken. */
export interface Scrape {
  at: number;
  samples: Sample[];
}

export interface MetricsSummary {
  runsStarted: number;
  /** Runs started per minute over the scrapes kept (undefined until there are two). */
  runsPerMinute: number | undefined;
  /** Failed graph executions over all graph executions, 0..1 (undefined before any). */
  errorRate: number | undefined;
  activeRuns: number;
  nodeP50Ms: number | undefined;
  nodeP95Ms: number | undefined;
  streams: number;
}

/** The metrics page's figures, from the scrapes of the last minute (oldest first). */
export function summarise(scrapes: readonly Scrape[]): MetricsSummary {
  const latest = scrapes.at(-1)?.samples ?? [];
  const first = scrapes[0];
  const last = scrapes.at(-1);
  const runsStarted = sum(latest, 'beluga_runs_started_total');
  const minutes = first && last ? (last.at - first.at) / 60_000 : 0;
  const executions = sum(latest, 'beluga_orchestration_executions_total', { kind: 'graph' });
  const errors = sum(latest, 'beluga_orchestration_errors_total', { kind: 'graph' });
  return {
    runsStarted,
    runsPerMinute:
      first && minutes > 0
        ? (runsStarted - sum(first.samples, 'beluga_runs_started_total')) / minutes
        : undefined,
    errorRate: executions > 0 ? errors / executions : undefined,
    activeRuns: sum(latest, 'beluga_orchestration_active', { kind: 'graph' }),
    nodeP50Ms: histogramQuantile(latest, 'beluga_node_duration', 0.5),
    nodeP95Ms: histogramQuantile(latest, 'beluga_node_duration', 0.95),
    streams: sum(latest, 'beluga_event_stream_subscribers'),
  };
}
