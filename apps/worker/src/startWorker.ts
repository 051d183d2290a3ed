import { createNodeRegistry, type NodeRegistry } from '@beluga/nodes';
import {
  createGraphWorker,
  DEFAULT_TASK_QUEUE,
  type GraphWorkerOptions,
  type RunEventSink,
} from '@beluga/temporal';
import { NativeConnection, type Worker } from '@temporalio/worker';

export interface StartWorkerOptions {
  /** The Temporal frontend, `host:port`; or pass a `connection` you own. */
  address?: string;
  connection?: NativeConnection;
  namespace?: string;
  /** Default `beluga`. */
  taskQueue?: string;
  /** Where run events go: the server passes its database-backed sink. */
  sink: RunEventSink;
  /** The node types to run; default the built-ins with private networks refused. */
  registry?: NodeRegistry;
  maxConcurrentActivities?: number;
  maxConcurrentWorkflowTasks?: number;
  shutdownGraceMs?: number;
  /** A bundle made once (bundleGraphWorkflows); bundled at start when absent (seconds). */
  workflowBundle?: GraphWorkerOptions['workflowBundle'];
  /** Resolves the `documentRef` of runs started by reference (saved graph versions). */
  loadDocument?: GraphWorkerOptions['loadDocument'];
  /** Where the workflows' spans go (the process's span processor); dropped without it. */
  workflowSpans?: GraphWorkerOptions['workflowSpans'];
  /** Keeps the runs' secrets out of their events and results (see GraphWorkerOptions.redact). */
  redact?: GraphWorkerOptions['redact'];
}

/** A worker that is polling its task queue. */
export interface RunningWorker {
  readonly worker: Worker;
  readonly taskQueue: string;
  /** Settles when the worker has stopped (after stop(), or by itself on a fatal error). */
  readonly done: Promise<void>;
  /** Stops polling, lets running activities finish (up to the grace time), closes what it opened. */
  stop(): Promise<void>;
}

/**
 * Starts a Beluga worker: the graph workflow and its node activities on one task queue. The
 * worker process (`main.ts`) calls it; the server can call it in-process too.
 *
 * @example
 * const running = await startWorker({ address: 'localhost:7233', sink });
 * process.once('SIGTERM', () => void running.stop());
 * await running.done;
 */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const owned = options.connection
    ? undefined
    : await NativeConnection.connect({ address: options.address ?? 'localhost:7233' });
  const connection = options.connection ?? owned;
  if (!connection) throw new Error('unreachable: a connection was given or opened');
  const taskQueue = options.taskQueue ?? DEFAULT_TASK_QUEUE;
  try {
    const worker = await createGraphWorker({
      connection,
      namespace: options.namespace ?? 'default',
      taskQueue,
      sink: options.sink,
      registry: options.registry ?? createNodeRegistry(),
      ...pick(options),
    });
    const done = worker.run().finally(() => owned?.close());
    return {
      worker,
      taskQueue,
      done,
      async stop() {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await done;
      },
    };
  } catch (error) {
    await owned?.close();
    throw error;
  }
}

function pick(options: StartWorkerOptions): Partial<GraphWorkerOptions> {
  const { maxConcurrentActivities, maxConcurrentWorkflowTasks, shutdownGraceMs } = options;
  return {
    ...(maxConcurrentActivities === undefined ? {} : { maxConcurrentActivities }),
    ...(maxConcurrentWorkflowTasks === undefined ? {} : { maxConcurrentWorkflowTasks }),
    ...(shutdownGraceMs === undefined ? {} : { shutdownGraceMs }),
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : {}),
    ...(options.loadDocument ? { loadDocument: options.loadDocument } : {}),
    ...(options.workflowSpans ? { workflowSpans: options.workflowSpans } : {}),
    ...(options.redact ? { redact: options.redact } : {}),
  };
}
