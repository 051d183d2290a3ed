// The workflows module of the behaviour tests: the graph workflow plus a code-first workflow.
import { withWorkflowContext } from '../src/workflows/index.js';

export { graphWorkflow } from '../src/workflows/index.js';

/** Waits for a `review` signal and answers a `stage` query meanwhile. */
export const reviewFlow = withWorkflowContext(async function reviewFlow(document: string, context) {
  let stage = 'waiting';
  context.setQueryHandler('stage', () => stage);
  const { approved } = await context.waitForSignal<{ approved: boolean }>('review');
  stage = approved ? 'published' : 'rejected';
  return `${document}: ${stage}`;
});
