import { fileURLToPath } from 'node:url';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { InjectedSinks, WorkerOptions } from '@temporalio/worker';

/**
 * The workflow sandbox's tracing interceptors (Temporal's OpenTelemetry ones, see
 * workflows/tracingInterceptors.ts): they continue the trace the client put in the workflow's
 * headers (a RunWorkflow span) and pass it on to each node's activity.
 */
export const workflowTracingModule = fileURLToPath(
  new URL(
    import.meta.url.endsWith('.ts')
      ? '../workflows/tracingInterceptors.ts'
      : '../workflows/tracingInterceptors.js',
    import.meta.url,
  ),
);

/** Where the workflow's spans go, as Temporal's exporter sink takes them (its own OTel 1.x types). */
export interface WorkflowSpanExport {
  spanProcessor: Parameters<typeof makeWorkflowExporter>[0];
  resource: Parameters<typeof makeWorkflowExporter>[1];
}

/**
 * The worker's side of tracing: activities run inside the trace their workflow passed on (a
 * RunActivity span, active while the node runs, so the node's own spans are its children), and
 * the workflow's spans leave the sandbox through the `exporter` sink — to `spans` when given,
 * dropped otherwise (the sink must exist for the workflow interceptors either way).
 */
export function workerTracing(spans?: WorkflowSpanExport): {
  interceptors: NonNullable<WorkerOptions['interceptors']>;
  sinks: InjectedSinks<Record<string, never>>;
} {
  const sinks = spans
    ? { exporter: makeWorkflowExporter(spans.spanProcessor, spans.resource) }
    : { exporter: { export: { fn: () => undefined, callDuringReplay: false } } };
  return {
    interceptors: {
      activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx) })],
    },
    sinks: sinks as unknown as InjectedSinks<Record<string, never>>,
  };
}
