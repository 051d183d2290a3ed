// A graph worker in its own process, for the fault test: it loads a workflow bundle the test
// made, and sends its run events to the test process over IPC (as a shared database would).
import { createNodeRegistry } from '@beluga/nodes';
import { NativeConnection } from '@temporalio/worker';
import { createGraphWorker, type RunEventDraft } from '../src/index.js';

const { TEMPORAL_ADDRESS, TASK_QUEUE, BUNDLE_PATH } = process.env;

const connection = await NativeConnection.connect({ address: TEMPORAL_ADDRESS as string });
const worker = await createGraphWorker({
  connection,
  taskQueue: TASK_QUEUE,
  registry: createNodeRegistry({ network: { allowPrivateNetworks: true } }),
  sink: {
    append: (runId: string, events: readonly RunEventDraft[]) =>
      new Promise<void>((resolve, reject) =>
        process.send?.({ runId, events }, (error: Error | null) =>
          error ? reject(error) : resolve(),
        ),
      ),
  },
  workflowBundle: { codePath: BUNDLE_PATH as string },
  // Workflow tasks of a dead worker go back to the shared queue after this, not 10 s.
  overrides: { stickyQueueScheduleToStartTimeout: '1s' },
});
process.send?.({ ready: true });
await worker.run();
