import type { NodeRegistry } from '@beluga/nodes';
import {
  Worker,
  type InjectedSinks,
  type NativeConnection,
  type WorkerOptions,
  type WorkflowBundleOption,
} from '@temporalio/worker';
import {
  createGraphActivities,
  type GraphActivitiesOptions,
} from '../activities/createGraphActivities.js';
import {
  redactingSink,
  serialisePerRun,
  type RunEventSink,
  type RunRedaction,
} from '../eventSink.js';
import { DEFAULT_TASK_QUEUE, type RunEventDraft } from '../shared.js';
import type { RunEventSinks } from '../workflows/runEventSinks.js';
import { bundleGraphWorkflows } from './bundleGraphWorkflows.js';
import { workerTracing, type WorkflowSpanExport } from './tracing.js';

export interface GraphWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  /** Default `beluga`. */
  taskQueue?: string;
  /** The node types this worker runs: createNodeRegistry(services) plus the application's. */
  registry: NodeRegistry;
  /** Where run events go (the workflow's and the activities'). */
  sink: RunEventSink;
  /** A bundle made once with bundleGraphWorkflows() (or its file); bundled now when absent. */
  workflowBundle?: WorkflowBundleOption;
  /** Node activities run at once on this worker. Default 100. */
  maxConcurrentActivities?: number;
  /** Workflow tasks processed at once. Default 40. */
  maxConcurrentWorkflowTasks?: number;
  /** Largest node output in JSON characters (see createGraphActivities). */
  maxValueChars?: number;
  /** Resolves the `documentRef` of runs started by reference (see createGraphActivities). */
  loadDocument?: GraphActivitiesOptions['loadDocument'];
  /** Nodes and edges per part of a graph given by reference. Default 2,000. */
  partSize?: number;
  /** How long shutdown waits for running activities. Default 10 s. */
  shutdownGraceMs?: number;
  /** Extra activities, for code-first workflows bundled alongside the graph workflow. */
  activities?: Record<string, (...args: never[]) => Promise<unknown>>;
  /**
   * Where the workflow's spans go (the activities' spans go to the global tracer provider,
   * like every other span of the process). Without it they are dropped.
   */
  workflowSpans?: WorkflowSpanExport;
  /**
   * Keeps secrets out of what runs write: applied to every event before the sink, and to node
   * outputs and errors before they enter Temporal's history (see GraphActivitiesOptions.redact).
   */
  redact?: RunRedaction;
  /** Any other Temporal worker option, applied last. */
  overrides?: Partial<WorkerOptions>;
}

/**
 * The worker side of the graph workflow's event sink (for a worker or replayer of your own);
 * pass a sink wrapped in serialisePerRun so the calls of one run stay in order.
 */
export function createRunEventSinks(ordered: RunEventSink): InjectedSinks<RunEventSinks> {
  return {
    runEvents: {
      append: {
        fn: (_info, runId: string, events: RunEventDraft[]) => ordered.append(runId, events),
        callDuringReplay: false,
      },
    },
  };
}

/**
 * A Temporal worker that runs the graph workflow and its node activities.
 *
 * @example
 * const worker = await createGraphWorker({ connection, registry, sink });
 * await worker.run(); // until worker.shutdown()
 */
export async function createGraphWorker(options: GraphWorkerOptions): Promise<Worker> {
  const { redact } = options;
  const sink = serialisePerRun(redact ? redactingSink(options.sink, redact) : options.sink);
  const activities = createGraphActivities({
    registry: options.registry,
    sink,
    ...(redact ? { redact } : {}),
    ...(options.maxValueChars === undefined ? {} : { maxValueChars: options.maxValueChars }),
    ...(options.loadDocument ? { loadDocument: options.loadDocument } : {}),
    ...(options.partSize === undefined ? {} : { partSize: options.partSize }),
  });
  const tracing = workerTracing(options.workflowSpans);
  return await Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? DEFAULT_TASK_QUEUE,
    workflowBundle: options.workflowBundle ?? (await bundleGraphWorkflows()),
    activities: { ...options.activities, ...activities },
    interceptors: tracing.interceptors,
    sinks: { ...tracing.sinks, ...createRunEventSinks(sink) },
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities ?? 100,
    maxConcurrentWorkflowTaskExecutions: options.maxConcurrentWorkflowTasks ?? 40,
    shutdownGraceTime: options.shutdownGraceMs ?? 10_000,
    ...options.overrides,
  });
}
