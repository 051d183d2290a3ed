import { describe, expect, it } from 'vitest';
import { summarise } from './metricsSummary';
import { histogramQuantile, parsePrometheus, sum } from './prometheus';

const TEXT = `# HELP beluga_runs_started_total Runs started
# TYPE beluga_runs_started_total counter
beluga_runs_started_total{executor="local",otel_scope_name="@beluga/api"} 3
beluga_runs_started_total{executor="temporal",otel_scope_name="@beluga/api"} 1
beluga_orchestration_executions_total{kind="graph",graph="a",status="succeeded"} 3
beluga_orchestration_errors_total{kind="graph",graph="a",code="TIMEOUT"} 1
beluga_orchestration_active{kind="graph",graph="a"} 2
beluga_node_duration_bucket{status="succeeded",le="0"} 0
beluga_node_duration_bucket{status="succeeded",le="10"} 50
beluga_node_duration_bucket{status="succeeded",le="100"} 90
beluga_node_duration_bucket{status="succeeded",le="+Inf"} 100
beluga_node_duration_count{status="succeeded"} 100
`;

describe('parsePrometheus', () => {
  it('reads samples with their labels and values, skipping comments', () => {
    const samples = parsePrometheus(TEXT);
    expect(samples[0]).toEqual({
      name: 'beluga_runs_started_total',
      labels: { executor: 'local', otel_scope_name: '@beluga/api' },
      value: 3,
    });
    expect(sum(samples, 'beluga_runs_started_total')).toBe(4);
    expect(sum(samples, 'beluga_runs_started_total', { executor: 'temporal' })).toBe(1);
  });
});

describe('histogramQuantile', () => {
  it('interpolates within the bucket the quantile falls in', () => {
    const samples = parsePrometheus(TEXT);
    expect(histogramQuantile(samples, 'beluga_node_duration', 0.5)).toBe(10);
    expect(histogramQuantile(samples, 'beluga_node_duration', 0.7)).toBe(55);
    // Past the last finite bound: that bound (as Prometheus answers).
    expect(histogramQuantile(samples, 'beluga_node_duration', 0.95)).toBe(100);
    expect(histogramQuantile([], 'beluga_node_duration', 0.5)).toBeUndefined();
  });
});

describe('summarise', () => {
  it('computes runs per minute between scrapes, the error rate, active runs and node percentiles', () => {
    const before = parsePrometheus(
      TEXT.replace(
        'executor="local",otel_scope_name="@beluga/api"} 3',
        'executor="local",otel_scope_name="@beluga/api"} 1',
      ),
    );
    const now = parsePrometheus(TEXT);
    const summary = summarise([
      { at: 0, samples: before },
      { at: 30_000, samples: now },
    ]);
    expect(summary).toMatchObject({
      runsStarted: 4,
      runsPerMinute: 4,
      errorRate: 1 / 3,
      activeRuns: 2,
      nodeP50Ms: 10,
      nodeP95Ms: 100,
    });
    expect(summarise([{ at: 0, samples: now }]).runsPerMinute).toBeUndefined();
  });
});
