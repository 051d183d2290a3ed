// Bundled by the Temporal worker into its deterministic sandbox: no Node built-ins here, and
// only a type import of the activities.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from './activities.js';

const { greet } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // One attempt: a broken activity fails the test at once instead of retrying until it times out.
  retry: { maximumAttempts: 1 },
});

/** Calls one activity and returns its result. */
export async function greetingWorkflow(name: string): Promise<string> {
  return await greet(name);
}
