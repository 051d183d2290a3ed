import type { ClientInterceptors } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';

/**
 * The client's side of tracing: starting, signalling and querying a workflow happen in a span
 * of their own, and the active trace travels in the workflow's headers to the worker.
 *
 * @example
 * const client = new Client({ connection, interceptors: clientTracingInterceptors() });
 */
export function clientTracingInterceptors(): ClientInterceptors {
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}
