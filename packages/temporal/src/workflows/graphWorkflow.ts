import { GraphRun, type GraphWorkflowArgs } from './graphRun.js';

/**
 * The graph workflow: runs a graph document (see {@link GraphWorkflowArgs}) and returns the run
 * output. Signals `approve` / `reject` answer approval nodes; query `state` returns every node's
 * state; cancelling the workflow cancels the run.
 */
export async function graphWorkflow(args: GraphWorkflowArgs): Promise<unknown> {
  return await new GraphRun(args).execute();
}
