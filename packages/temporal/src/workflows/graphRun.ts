import type { NodeRunState, RunEventError } from '@beluga/orchestration/run-state';
import { compilePlan, NodeState, Scheduler } from '@beluga/orchestration/scheduler';
import {
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  defineQuery,
  isCancellation,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import {
  DEFAULT_LIMITS,
  STATE_QUERY,
  type CompiledRunSpec,
  type GraphRunState,
  type GraphWorkflowInput,
  type GraphWorkflowLimits,
  type NodeSpec,
  type RunNodeResult,
} from '../shared.js';
import { loadByReference, nodeActivity, prepareGraph, runsLocally } from './activityStubs.js';
import { ApprovalDesk, type ApprovalOutcome } from './approvalDesk.js';
import { shrinkCompletion, type CarriedState, type Completion } from './carriedState.js';
import { EventLog } from './eventLog.js';
import { bySourceOf } from './bySource.js';
import { failureOf } from './nodeFailure.js';

/** What the graph workflow is started with, or continued with. */
export interface GraphWorkflowArgs extends GraphWorkflowInput {
  carried?: CarriedState;
}

type Settled = { node: number; result: RunNodeResult } | { node: number; error: unknown };

/**
 * One run of a graph document on Temporal: the pure scheduler of @beluga/orchestration decides,
 * activities run the nodes, approvals wait for signals. Deterministic: everything here depends
 * only on the input, activity results, signals and workflow time.
 */
export class GraphRun {
  private readonly runId: string;
  private readonly limits: GraphWorkflowLimits;
  private readonly log: EventLog;
  private readonly approvals: ApprovalDesk;
  private readonly nodesScope = new CancellationScope();
  private readonly settled: Settled[] = [];
  private readonly completions: Completion[] = [];
  private readonly queue: number[] = [];
  private queueHead = 0;
  private spec!: CompiledRunSpec;
  private scheduler!: Scheduler;
  private activitiesInFlight = 0;
  private approvalsWaiting = 0;
  private startedAt = Date.now();
  private deadline: number | undefined;
  private approvalSince: Record<string, number> = {};
  private timedOut = false;
  private status: GraphRunState['status'] = 'running';

  constructor(private readonly args: GraphWorkflowArgs) {
    this.runId = args.runId ?? workflowInfo().workflowId;
    this.limits = { ...DEFAULT_LIMITS, ...args.limits };
    this.log = new EventLog(this.runId);
    this.approvals = new ApprovalDesk(args.carried?.early);
  }

  async execute(): Promise<unknown> {
    setHandler(defineQuery<GraphRunState>(STATE_QUERY), () => this.snapshot());
    this.approvals.install();
    try {
      await this.begin();
      while (!this.scheduler.done) {
        if (this.shouldContinueAsNew()) return await this.continueAsNew();
        if (this.log.taskWorkMs() > this.limits.localWorkSliceMs) await this.endTask();
        this.launch();
        this.log.flush();
        // Also wakes when the history is due for continue-as-new while only approvals wait.
        await condition(
          () => this.settled.length > 0 || this.timedOut || this.shouldContinueAsNew(),
        );
        if (this.timedOut) this.fail('TIMEOUT', `Run timed out after ${this.spec.runTimeoutMs} ms`);
        this.processSettled();
      }
      return this.succeed();
    } catch (error) {
      if (isCancellation(error)) this.cancelled();
      this.log.flush();
      throw error;
    }
  }

  private async begin(): Promise<void> {
    const { carried } = this.args;
    if (carried) return await this.resume(carried);
    this.log.emit('run.started', { data: this.log.preview(this.args.input) });
    this.log.flush();
    try {
      const ref = this.args.documentRef;
      this.spec =
        ref === undefined ? await prepareGraph(this.args.document) : await loadByReference(ref);
    } catch (error) {
      if (isCancellation(error)) throw error;
      const { code, message } = failureOf(error, 'graph').error;
      this.fail(code, message);
    }
    this.init();
    this.scheduler.start();
    this.afterResolution();
  }

  private init(): void {
    this.scheduler = new Scheduler(compilePlan(this.spec.plan));
    const { runTimeoutMs } = this.spec;
    this.deadline ??= runTimeoutMs === undefined ? undefined : this.startedAt + runTimeoutMs;
    if (this.deadline !== undefined) this.armRunTimeout(this.deadline);
    if (this.log.states.length > 0) return;
    this.log.track(
      this.spec.nodes.map((node) => ({
        nodeId: node.id,
        type: node.type,
        status: 'pending',
        attempt: 0,
        progress: [],
      })),
    );
  }

  /** Rebuilds the scheduler from the carried completions: it is pure, so replaying them suffices. */
  private async resume(carried: CarriedState): Promise<void> {
    const ref = this.args.documentRef;
    this.spec = carried.spec ?? (await loadByReference(ref as string));
    this.startedAt = carried.startedAt;
    this.deadline = carried.deadline;
    this.approvalSince = carried.approvalSince;
    this.log.track(carried.states);
    this.init();
    this.scheduler.start();
    for (const completion of carried.completions) {
      this.record(completion);
      this.scheduler.ready.length = 0;
      this.scheduler.skipped.length = 0;
    }
    // The nodes ready now are those that were queued, running or waiting when the run continued.
    for (let n = 0; n < this.scheduler.plan.size; n++) {
      if (this.scheduler.stateOf(n) === NodeState.Ready) this.queue.push(n);
    }
    for (const n of this.queue) this.stateOf(n).status = 'queued';
  }

  private armRunTimeout(deadline: number): void {
    void this.nodesScope
      .run(() => sleep(Math.max(1, deadline - Date.now())))
      .then(
        () => (this.timedOut = true),
        () => undefined,
      );
  }

  private stateOf(n: number): NodeRunState {
    return this.log.states[n] as NodeRunState;
  }

  private nodeId(n: number): string {
    return this.scheduler.plan.ids[n] as string;
  }

  private record(completion: Completion): void {
    const [n, kind, value] = completion;
    if (kind === 0) this.scheduler.succeed(n, value);
    else this.scheduler.recover(n, value);
    this.completions.push(completion);
  }

  /** Reports what the last resolution skipped and made ready. */
  private afterResolution(): void {
    const { ready, skipped } = this.scheduler;
    for (const n of skipped) this.log.emit('node.skipped', { nodeId: this.nodeId(n), attempt: 0 });
    skipped.length = 0;
    for (const n of ready) {
      this.queue.push(n);
      this.log.emit('node.queued', { nodeId: this.nodeId(n), attempt: 0 });
    }
    ready.length = 0;
  }

  private launch(): void {
    const { maxWorkers } = this.spec;
    // An index rather than shift(): a fan-out can queue thousands of nodes.
    if (this.queueHead === this.queue.length) {
      this.queue.length = 0;
      this.queueHead = 0;
    }
    while (
      this.queueHead < this.queue.length &&
      this.activitiesInFlight + this.approvalsWaiting < maxWorkers
    ) {
      const n = this.queue[this.queueHead++] as number;
      const node = this.spec.nodes[n] as NodeSpec;
      if (node.approval) this.waitForApproval(n, node);
      else this.runActivity(n, node);
    }
    const busy = this.activitiesInFlight + this.approvalsWaiting + this.settled.length;
    if (busy === 0 && !this.scheduler.done) {
      this.fail('INVALID_STATE', 'No node can run but the run is not done');
    }
  }

  private runActivity(n: number, node: NodeSpec): void {
    this.activitiesInFlight++;
    // A local activity starts as soon as this task ends: its first start is told here, in the
    // same write as the events before it (one write per node instead of two). An activity task
    // may wait in its queue: it tells its own start (runNode).
    if (runsLocally(node, this.limits))
      this.log.emit('node.started', { nodeId: node.id, attempt: 1 });
    const state = this.stateOf(n);
    // Attempts after the first are known once the activity reports back (see runNode).
    state.status = 'running';
    state.attempt = Math.max(1, state.attempt);
    state.startedAt ??= Date.now();
    const input = this.scheduler.inputFor(n, this.args.input);
    const runNode = nodeActivity(node, this.limits);
    const bySource = bySourceOf(this.scheduler.plan, n);
    this.nodesScope
      .run(() =>
        runNode({
          runId: this.runId,
          node,
          input,
          ...(bySource ? { bySource } : {}),
          ...(this.args.documentRef === undefined ? {} : { documentRef: this.args.documentRef }),
        }),
      )
      .then(
        (result) => this.settle({ node: n, result }),
        (error: unknown) => this.settle({ node: n, error }),
      );
  }

  private settle(done: Settled): void {
    this.activitiesInFlight--;
    this.settled.push(done);
  }

  private waitForApproval(n: number, node: NodeSpec): void {
    const approval = node.approval as NonNullable<NodeSpec['approval']>;
    const input: unknown = this.scheduler.inputFor(n, this.args.input) ?? null;
    const nodeId = node.id;
    const startedAt = (this.approvalSince[nodeId] ??= Date.now());
    const deadline = approval.timeoutMs === undefined ? undefined : startedAt + approval.timeoutMs;
    this.approvalsWaiting++;
    this.log.emit('node.started', { nodeId, attempt: 1 });
    const data = { prompt: approval.prompt, input };
    this.log.emit('node.waiting', { nodeId, attempt: 1, data: this.log.preview(data) });
    const settle = (outcome: ApprovalOutcome) => {
      this.approvalsWaiting--;
      const value = { [outcome.decision]: { ...outcome, input } };
      const durationMs = Date.now() - startedAt;
      this.settled.push({ node: n, result: { value, attempt: 1, durationMs } });
    };
    void this.nodesScope.run(() => {
      this.approvals.wait(nodeId, deadline, settle);
      return Promise.resolve();
    });
  }

  private processSettled(): void {
    while (this.settled.length > 0) {
      const done = this.settled.shift() as Settled;
      if ('result' in done) this.nodeSucceeded(done.node, done.result);
      // A node activity ends cancelled only when the run is being cancelled (a local activity
      // may report it before the workflow's own wait does): the run's cancellation, not a
      // failure of the node.
      else if (isCancellation(done.error)) throw done.error;
      else this.nodeFailed(done.node, done.error);
    }
  }

  private nodeSucceeded(n: number, result: RunNodeResult): void {
    const { value, attempt, durationMs, endedAt } = result;
    const nodeId = this.nodeId(n);
    const data = this.log.preview(value);
    if (endedAt !== undefined) this.log.advance(endedAt);
    this.log.emit('node.succeeded', { nodeId, attempt, durationMs, data });
    this.record([n, 0, value]);
    this.afterResolution();
  }

  private nodeFailed(n: number, thrown: unknown): void {
    const node = this.spec.nodes[n] as NodeSpec;
    const { error, attempt, durationMs, endedAt } = failureOf(thrown, node.id);
    if (endedAt !== undefined) this.log.advance(endedAt);
    this.log.emit('node.failed', { nodeId: node.id, attempt, durationMs, error });
    if (!node.continueOnError) this.fail(error.code, `Node "${node.id}" failed: ${error.message}`);
    this.record([n, 1, error satisfies RunEventError]);
    this.afterResolution();
  }

  private succeed(): unknown {
    const output = this.scheduler.output();
    this.status = 'succeeded';
    const durationMs = Date.now() - this.startedAt;
    this.log.emit('run.succeeded', { durationMs, data: this.log.preview(output) });
    this.log.flush();
    this.nodesScope.cancel();
    return output;
  }

  /** Fails fast: running nodes are cancelled, the rest too, and the workflow fails with `code`. */
  private fail(code: string, message: string): never {
    this.status = 'failed';
    this.stopNodes();
    const error = { code, message, retryable: false };
    this.log.emit('run.failed', { durationMs: Date.now() - this.startedAt, error });
    throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
  }

  private cancelled(): void {
    if (this.status !== 'running') return;
    this.status = 'cancelled';
    this.stopNodes();
    const error = { code: 'CANCELLED', message: 'Run cancelled', retryable: false };
    this.log.emit('run.cancelled', { durationMs: Date.now() - this.startedAt, error });
  }

  private stopNodes(): void {
    this.nodesScope.cancel();
    for (const state of this.log.states) {
      if (['succeeded', 'failed', 'skipped', 'cancelled'].includes(state.status)) continue;
      this.log.emit('node.cancelled', { nodeId: state.nodeId, attempt: state.attempt });
    }
  }

  /**
   * Ends the current workflow task (a 1 ms timer: Temporal completes the task once its local
   * activities are in, and fires the timer in a new one), so that signals and cancellation that
   * arrived during a long stretch of local activities are seen now. Deterministic: the decision
   * rests on the nodes' end times, which the history holds.
   */
  private async endTask(): Promise<void> {
    this.log.flush();
    await sleep(1);
  }

  private shouldContinueAsNew(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength >= this.limits.historyLengthThreshold;
  }

  /** Lets running activities finish (no new ones start), then continues with the state. */
  private async continueAsNew(): Promise<never> {
    while (this.activitiesInFlight > 0) {
      this.log.flush();
      await condition(() => this.settled.length > 0 || this.timedOut);
      if (this.timedOut) this.fail('TIMEOUT', `Run timed out after ${this.spec.runTimeoutMs} ms`);
      this.processSettled();
    }
    this.log.flush();
    const carried: CarriedState = {
      // A graph given by reference is fetched again rather than carried: it may be large.
      ...(this.args.documentRef === undefined ? { spec: this.spec } : {}),
      completions: this.completions.map((c) => shrinkCompletion(this.scheduler, c)),
      states: this.log.states.map(({ output: _output, ...state }) => ({ ...state, progress: [] })),
      startedAt: this.startedAt,
      ...(this.deadline === undefined ? {} : { deadline: this.deadline }),
      approvalSince: this.approvalSince,
      early: Object.fromEntries(this.approvals.early),
      continuedAsNew: (this.args.carried?.continuedAsNew ?? 0) + 1,
    };
    if (this.args.documentRef === undefined) {
      const chars = JSON.stringify(carried).length;
      if (chars > this.limits.maxCarriedChars) {
        const message = `The run must continue as new to keep its history short, but its state (${chars} characters of JSON: the graph and the node outputs so far) is over the ${this.limits.maxCarriedChars} it may carry; start a graph this big by reference (documentRef)`;
        this.fail('RESOURCE_EXHAUSTED', message);
      }
    }
    const { document: _document, carried: _previous, ...rest } = this.args;
    return continueAsNew<(args: GraphWorkflowArgs) => Promise<unknown>>({ ...rest, carried });
  }

  private snapshot(): GraphRunState {
    return {
      runId: this.runId,
      status: this.status,
      nodes: this.log.states,
      continuedAsNew: this.args.carried?.continuedAsNew ?? 0,
    };
  }
}
