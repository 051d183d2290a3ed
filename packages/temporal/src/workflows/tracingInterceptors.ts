// The workflow's tracing interceptors (a module the bundle loads by path, see
// bundleGraphWorkflows): Temporal's OpenTelemetry interceptors, except that node activities get
// the trace context in their headers without a StartActivity span each. Such a span lasts the
// node's whole activity and costs the workflow thread a dozen promises, each of which the SDK's
// promise hook gives a stack trace: about a third of the workflow's CPU time on big graphs. The
// activity's own RunActivity span (a child of RunWorkflow) already covers the node.
import { headersWithContext } from '@temporalio/interceptors-opentelemetry/lib/instrumentation.js';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow/index.js';
import type {
  ActivityInput,
  LocalActivityInput,
  Next,
  WorkflowInterceptorsFactory,
  WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';

class NodeActivityTracing extends OpenTelemetryOutboundInterceptor {
  override scheduleActivity(
    input: ActivityInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>,
  ): Promise<unknown> {
    return next({ ...input, headers: headersWithContext(input.headers) });
  }

  override scheduleLocalActivity(
    input: LocalActivityInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>,
  ): Promise<unknown> {
    return next({ ...input, headers: headersWithContext(input.headers) });
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [new OpenTelemetryInboundInterceptor()],
  outbound: [new NodeActivityTracing()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});
