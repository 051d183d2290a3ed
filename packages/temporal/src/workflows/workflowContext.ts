import type { QueryHandler, WorkflowContext, WorkflowFunction } from '@beluga/orchestration';
import {
  CancellationScope,
  condition,
  defineQuery,
  setDefaultSignalHandler,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';

/** Signals by name, in arrival order, until the workflow waits for them. */
class SignalInbox {
  private readonly queues = new Map<string, unknown[]>();

  constructor() {
    setDefaultSignalHandler((name, ...args) => {
      const queue = this.queues.get(name) ?? [];
      queue.push(args[0]);
      this.queues.set(name, queue);
    });
  }

  async next(name: string): Promise<unknown> {
    await condition(() => (this.queues.get(name)?.length ?? 0) > 0);
    return (this.queues.get(name) as unknown[]).shift();
  }
}

function cancellationSignal(): AbortSignal {
  const controller = new AbortController();
  CancellationScope.current().cancelRequested.catch((reason: unknown) => controller.abort(reason));
  return controller.signal;
}

/**
 * Makes a code-first workflow function (the one `createWorkflow(fn)` of @beluga/orchestration
 * takes) a Temporal workflow: its context waits for signals with `waitForSignal`, answers queries
 * registered with `setQueryHandler`, and its `signal` fires when the workflow is cancelled. Export
 * the result from the worker's workflows module under the name the client uses.
 *
 * @example
 * // workflows.ts, bundled by the worker
 * export const approval = withWorkflowContext(async (doc: string, ctx) => {
 *   ctx.setQueryHandler('state', () => 'waiting');
 *   const { approved } = await ctx.waitForSignal<{ approved: boolean }>('review');
 *   return approved ? 'published' : 'rejected';
 * });
 */
export function withWorkflowContext<I, O>(fn: WorkflowFunction<I, O>): (input: I) => Promise<O> {
  const workflow = async (input: I) => {
    const inbox = new SignalInbox();
    const info = workflowInfo();
    const context: WorkflowContext = {
      workflowId: info.workflowId,
      runId: info.runId,
      signal: cancellationSignal(),
      waitForSignal: <T>(name: string) => inbox.next(name) as Promise<T>,
      setQueryHandler: (name: string, handler: QueryHandler) =>
        setHandler(defineQuery<unknown, unknown[]>(name), (...args) => handler(...args)),
    };
    return await fn(input, context);
  };
  // The client starts a workflow by its function's name: keep the one it was written with.
  Object.defineProperty(workflow, 'name', { value: fn.name });
  return workflow;
}
