// What the client, the worker and the workflow bundle share: names and plain data shapes. This
// file imports only types, so the workflow bundle can import it.
import type { NodeRunState, RetryPolicy, RunEvent, RunEventError } from '@beluga/orchestration';
import type { PlanSpec } from '@beluga/orchestration/scheduler';

/** The workflow type of the graph workflow, as the worker registers it. */
export const GRAPH_WORKFLOW_TYPE = 'graphWorkflow';
/** The default task queue of the worker and of the clients. */
export const DEFAULT_TASK_QUEUE = 'beluga';

/** Signal: approve a waiting approval node, `{ nodeId, comment?, by? }`. */
export const APPROVE_SIGNAL = 'approve';
/** Signal: reject a waiting approval node, `{ nodeId, comment?, by? }`. */
export const REJECT_SIGNAL = 'reject';
/** Query: the run's status and every node's state (a {@link GraphRunState}). */
export const STATE_QUERY = 'state';

export interface ApprovalSignal {
  nodeId: string;
  comment?: string;
  /** Who decided (a user id or name). */
  by?: string;
}

/** What starts the graph workflow. */
export interface GraphWorkflowInput {
  /** A graph document (format beluga.graph/v1); validated and compiled by the worker. */
  document?: unknown;
  /**
   * Instead of `document`: a reference the worker resolves (its `loadDocument`), e.g. a saved
   * graph version. The document then stays out of the history: the workflow receives the
   * compiled graph in parts of bounded size, without node configs (activities read those from
   * the document), so graphs far past Temporal's 2 MB payload limit can run.
   */
  documentRef?: string;
  /** The run input, handed to the input nodes. */
  input?: unknown;
  /** The id the run's events carry; default: the workflow id. */
  runId?: string;
  /** Overrides of the workflow's limits, mostly for tests. */
  limits?: Partial<GraphWorkflowLimits>;
}

export interface GraphWorkflowLimits {
  /**
   * Continue-as-new once the history has this many events (or when Temporal suggests it). Temporal
   * fails a workflow at 51,200 events; each node costs about 6.
   */
  historyLengthThreshold: number;
  /** How long a lost worker goes unnoticed: the heartbeat timeout of node activities. */
  heartbeatTimeoutMs: number;
  /**
   * Node types run as local activities: on the worker that runs the workflow task, recorded as
   * one marker event instead of three activity events and a task round trip. For cheap nodes
   * (no network, milliseconds); they do not heartbeat.
   */
  localNodeTypes: string[];
  /**
   * Nodes that cannot run longer than this (their `maxMs`: a delay's `ms`, a code node's time
   * limit, a request's timeout, or the node's own `timeoutMs`) also run as local activities: on
   * the dev server here that costs ~10 ms a node instead of ~80–100 ms for an activity task and
   * a workflow task. The price: signals and cancellation reach a workflow busy with local
   * activities at its next workflow task, at the latest after Temporal's workflow task
   * heartbeat (80% of the workflow task timeout, 8 s by default). 0 turns this off.
   */
  localActivityMaxMs: number;
  /**
   * A workflow task busy with local activities ends after about this much of their work (time
   * told by the nodes' end times): the workflow waits on a 1 ms timer, so Temporal completes the
   * task and the next one brings any signal or cancellation that arrived meanwhile. Without it,
   * those wait for Temporal's workflow task heartbeat (80% of the task timeout: 8 s).
   */
  localWorkSliceMs: number;
  /**
   * Largest state (JSON characters) a run started with its document inline carries across
   * continue-as-new: the compiled graph plus what each node returned. Temporal refuses inputs
   * over 2 MB; past this the run fails with RESOURCE_EXHAUSTED, naming the fix (start graphs
   * this big by reference, as the server does).
   */
  maxCarriedChars: number;
}

export const DEFAULT_LIMITS: GraphWorkflowLimits = {
  historyLengthThreshold: 20_000,
  heartbeatTimeoutMs: 30_000,
  localNodeTypes: ['input', 'output', 'transform', 'branch', 'merge'],
  localActivityMaxMs: 2_000,
  localWorkSliceMs: 2_000,
  maxCarriedChars: 1_500_000,
};

/** One node as the workflow needs it, compiled by the worker's `prepareGraph` activity. */
export interface NodeSpec {
  id: string;
  type: string;
  /** The node's config as written in the document (parsed again by the activity that runs it). */
  config: Record<string, unknown>;
  retry: RetryPolicy;
  timeoutMs?: number;
  /** The longest one attempt can take: the node's timeout or its type's bound, the smaller. */
  maxMs?: number;
  continueOnError: boolean;
  /** Set for approval nodes: the workflow itself waits for the decision (a signal). */
  approval?: { prompt: string; timeoutMs?: number };
}

/** A graph compiled for the workflow: the scheduler's plan and what each node runs. */
export interface CompiledRunSpec {
  name: string;
  maxWorkers: number;
  runTimeoutMs?: number;
  plan: PlanSpec;
  nodes: NodeSpec[];
}

/** A graph given by reference, before its parts: `describeGraph`. */
export interface GraphOutline {
  name: string;
  maxWorkers: number;
  runTimeoutMs?: number;
  /** How many `graphPart` calls deliver the plan. */
  parts: number;
}

/** One slice of a graph given by reference: nodes (configs left out) and edges, in order. */
export interface GraphPart {
  plan: PlanSpec;
  nodes: NodeSpec[];
}

/** Input of the `runNode` activity: one node, one input; never the whole graph. */
export interface RunNodeInput {
  runId: string;
  node: NodeSpec;
  input: unknown;
  /** Set when the graph was given by reference: the activity reads the node's config from it. */
  documentRef?: string;
  /**
   * Where the scheduler gave an object keyed by source node id (several edges into one port):
   * `true` for the whole input, else the ports. Such objects have no prototype, which nodes rely
   * on (merge tells them from a value that is an object) and JSON loses on the way.
   */
  bySource?: true | string[];
}

export interface RunNodeResult {
  value: unknown;
  attempt: number;
  durationMs: number;
  /**
   * When the attempt ended (epoch ms, the worker's clock): the `ts` of the node's end event,
   * rather than the workflow's clock when it learns of it.
   */
  endedAt?: number;
}

/** The details an activity's ApplicationFailure carries for the workflow. */
export interface NodeFailureDetails {
  error: RunEventError;
  attempt: number;
  durationMs: number;
  /** See RunNodeResult.endedAt. */
  endedAt?: number;
}

/**
 * A run event before the sink numbers it. `key` identifies it within its run (e.g.
 * `node.started:fetch:2`): a worker that dies after appending and is replaced appends the same
 * events again with the same keys, and the sink keeps the first.
 */
export type RunEventDraft = Omit<RunEvent, 'seq'> & { key: string };

/** What the state query answers. */
export interface GraphRunState {
  runId: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  nodes: NodeRunState[];
  /** How many times the run continued as new to keep its history short. */
  continuedAsNew: number;
}
