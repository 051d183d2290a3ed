import { fileURLToPath } from 'node:url';
import { OrchestratorError, type RunEvent } from '@beluga/orchestration';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPROVE_SIGNAL,
  createRunEventSinks,
  REJECT_SIGNAL,
  STATE_QUERY,
  type GraphRunState,
  type GraphWorkflowInput,
} from '../src/index.js';
import { chainDocument, startHarness, type Harness } from './harness.js';
import { abortOf, observed, startOf, withTestNodes } from './testNodes.js';

let h: Harness;
const replaySinks = createRunEventSinks({ append: () => Promise.resolve() });
/** Every execution this file starts, replayed at the end to catch non-determinism. */
const executions: { workflowId: string; runId: string }[] = [];

beforeAll(async () => {
  h = await startHarness({
    registry: withTestNodes,
    workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
    worker: { loadDocument, partSize: 4 },
  });
});
afterAll(async () => {
  await h?.stop();
});

/** Every string and byte payload (as UTF-8) of a history: what Temporal stores. */
function historyText(history: unknown): string {
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (value instanceof Uint8Array) parts.push(Buffer.from(value).toString('utf8'));
    else if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  walk(history);
  return parts.join('\n');
}

/** Saved graph versions, as the server's database would hold them. */
const savedDocuments = new Map<string, unknown>();
function loadDocument(ref: string): Promise<unknown> {
  const document = savedDocuments.get(ref);
  if (document !== undefined) return Promise.resolve(document);
  const message = `No saved graph "${ref}"`;
  return Promise.reject(new OrchestratorError({ code: 'NOT_FOUND', op: 'load', message }));
}

/** Heartbeats every ~0.6 s: cancellation reaches a running node quickly. */
const limits = { heartbeatTimeoutMs: 2000 };

async function start(input: GraphWorkflowInput, workflowId?: string) {
  const execution = await h.graphs.execute(input, workflowId ? { workflowId } : {});
  executions.push(execution);
  return execution.workflowId;
}

const summary = (events: RunEvent[]) =>
  events.map((e) => [e.type, e.nodeId, e.attempt].filter((x) => x !== undefined).join(' '));

/** in → review → (approved) shipped / (rejected) held → merge (first) → out */
function reviewDocument() {
  const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({
    id,
    type,
    position: { x: 0, y: 0 },
    config,
  });
  const edge = (source: string, target: string, sourcePort = 'out') => ({
    id: `${source}-${target}`,
    source,
    sourcePort,
    target,
  });
  return {
    format: 'beluga.graph/v1',
    id: 'review',
    name: 'review',
    nodes: [
      node('in', 'input'),
      node('review', 'approval', { prompt: 'Ship it?' }),
      node('shipped', 'transform', { expression: '{ "shipped": comment }' }),
      node('held', 'transform', { expression: '{ "held": comment }' }),
      node('merge', 'merge', { mode: 'first' }),
      node('out', 'output'),
    ],
    edges: [
      edge('in', 'review'),
      edge('review', 'shipped', 'approved'),
      edge('review', 'held', 'rejected'),
      edge('shipped', 'merge'),
      edge('held', 'merge'),
      edge('merge', 'out'),
    ],
  };
}

describe('the graph workflow', () => {
  it('runs a chain, numbering its events 1, 2, 3… in order', async () => {
    const document = chainDocument('double', [
      { id: 'double', type: 'transform', config: { expression: '{ "n": n * 2 }' } },
    ]);
    const workflowId = await start({ document, input: { n: 21 } });
    await expect(h.graphs.getResult(workflowId)).resolves.toEqual({ n: 42 });
    const events = h.sink.events(workflowId);
    expect(summary(events)).toEqual([
      'run.started',
      'node.queued in 0',
      'node.started in 1',
      'node.succeeded in 1',
      'node.queued double 0',
      'node.started double 1',
      'node.succeeded double 1',
      'node.queued out 0',
      'node.started out 1',
      'node.succeeded out 1',
      'run.succeeded',
    ]);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ data: { n: 42 }, runId: workflowId });
  });

  it('runs short nodes as local activities and the rest as activity tasks, stamping when each ended', async () => {
    // 30 ms delays are short (local, under localActivityMaxMs); the 40 ms one is not, here.
    const document = chainDocument('short', [
      { id: 'a', type: 'delay', config: { ms: 30 } },
      { id: 'b', type: 'delay', config: { ms: 30 } },
      { id: 'c', type: 'delay', config: { ms: 40 } },
    ]);
    const workflowId = await start({
      document,
      input: 'x',
      limits: { ...limits, localActivityMaxMs: 35 },
    });
    await expect(h.graphs.getResult(workflowId)).resolves.toBe('x');
    const history = (await h.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
    const activityIds = history.flatMap(
      (event) => event.activityTaskScheduledEventAttributes?.activityId ?? [],
    );
    expect(activityIds.filter((id) => id.startsWith('node:'))).toEqual(['node:c']);
    // in, a, b and out: one marker each (local activities), no activity task.
    const markers = history.filter((event) => event.markerRecordedEventAttributes).length;
    expect(markers).toBe(4);
    // The workflow's clock stands still during its task, which ran in, a and b: each end event
    // carries the time its node really ended, so b ends at least 30 ms after a.
    const ended = (nodeId: string) =>
      h.sink.events(workflowId).find((e) => e.type === 'node.succeeded' && e.nodeId === nodeId)
        ?.ts ?? Number.NaN;
    expect(ended('b') - ended('a')).toBeGreaterThanOrEqual(30);
    expect(ended('c') - ended('b')).toBeGreaterThanOrEqual(40);
  });

  it('waits for an approval signal, answering the state query meanwhile', async () => {
    const workflowId = await start({ document: reviewDocument(), input: {} });
    const waiting = await h.waitForEvent(workflowId, (e) => e.type === 'node.waiting');
    expect(waiting).toMatchObject({ nodeId: 'review', data: { prompt: 'Ship it?' } });
    const state = await h.graphs.query<GraphRunState>(workflowId, STATE_QUERY);
    expect(state.status).toBe('running');
    expect(Object.fromEntries(state.nodes.map((node) => [node.nodeId, node.status]))).toEqual({
      in: 'succeeded',
      review: 'waiting',
      shipped: 'pending',
      held: 'pending',
      merge: 'pending',
      out: 'pending',
    });
    await h.graphs.signal(workflowId, APPROVE_SIGNAL, {
      nodeId: 'review',
      comment: 'lgtm',
      by: 'ada',
    });
    // A second decision on the same node changes nothing.
    await h.graphs.signal(workflowId, REJECT_SIGNAL, { nodeId: 'review', comment: 'no' });
    await expect(h.graphs.getResult(workflowId)).resolves.toEqual({ shipped: 'lgtm' });
    const done = await h.graphs.query<GraphRunState>(workflowId, STATE_QUERY);
    expect(done.status).toBe('succeeded');
    expect(done.nodes.find((node) => node.nodeId === 'review')).toMatchObject({
      status: 'succeeded',
      output: { approved: { decision: 'approved', comment: 'lgtm', by: 'ada' } },
    });
  });

  it('routes a rejection through the rejected port, skipping the approved path', async () => {
    const workflowId = await start({ document: reviewDocument(), input: {} });
    await h.waitForEvent(workflowId, (e) => e.type === 'node.waiting');
    await h.graphs.signal(workflowId, REJECT_SIGNAL, { nodeId: 'review', comment: 'not yet' });
    await expect(h.graphs.getResult(workflowId)).resolves.toEqual({ held: 'not yet' });
    expect(summary(h.sink.events(workflowId))).toContain('node.skipped shipped 0');
  });

  it('retries a failing node by its retry policy and shows every attempt', async () => {
    const document = chainDocument('flaky', [
      {
        id: 'flaky',
        type: 'test.flaky',
        config: { failures: 2 },
        extra: { retry: { maxAttempts: 3, initialDelayMs: 20, multiplier: 2 } },
      },
    ]);
    const workflowId = await start({ document, input: 'x', limits });
    await expect(h.graphs.getResult(workflowId)).resolves.toEqual({ input: 'x', attempt: 3 });
    const flaky = h.sink.events(workflowId).filter((e) => e.nodeId === 'flaky');
    expect(summary(flaky)).toEqual([
      'node.queued flaky 0',
      'node.started flaky 1',
      'node.retrying flaky 1',
      'node.started flaky 2',
      'node.retrying flaky 2',
      'node.started flaky 3',
      'node.succeeded flaky 3',
    ]);
    expect(flaky[2]).toMatchObject({
      error: { code: 'EXECUTION_FAILED', message: 'flaky failure 1', retryable: true },
      delayMs: 20,
    });
    expect(flaky[4]).toMatchObject({ delayMs: 40 });
  });

  it('fails the run when the retries run out, cancelling what did not run', async () => {
    const document = chainDocument('exhausted', [
      {
        id: 'flaky',
        type: 'test.flaky',
        config: { failures: 5 },
        extra: { retry: { maxAttempts: 2, initialDelayMs: 10 } },
      },
    ]);
    const workflowId = await start({ document, input: 'x', limits });
    await expect(h.graphs.getResult(workflowId)).rejects.toMatchObject({
      code: 'EXECUTION_FAILED',
      message: `Workflow execution "${workflowId}" failed: Node "flaky" failed: flaky failure 2`,
    });
    expect(observed.attempts.get(`${workflowId}:flaky`)).toBe(2);
    expect(summary(h.sink.events(workflowId)).slice(-5)).toEqual([
      'node.retrying flaky 1',
      'node.started flaky 2',
      'node.failed flaky 2',
      'node.cancelled out 0',
      'run.failed',
    ]);
    expect(h.sink.events(workflowId).at(-1)).toMatchObject({
      type: 'run.failed',
      error: { code: 'EXECUTION_FAILED' },
    });
  });

  it('does not retry a non-retryable error, whatever the retry policy', async () => {
    const document = chainDocument('refused', [
      {
        id: 'refuse',
        type: 'test.refuse',
        extra: { retry: { maxAttempts: 5, initialDelayMs: 10 } },
      },
    ]);
    const workflowId = await start({ document, input: 'x', limits });
    await expect(h.graphs.getResult(workflowId)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('Node "refuse" failed: this input can never work') as string,
    });
    expect(observed.attempts.get(`${workflowId}:refuse`)).toBe(1);
    const types = h.sink.events(workflowId).map((e) => e.type);
    expect(types).not.toContain('node.retrying');
    expect(h.sink.events(workflowId).find((e) => e.type === 'node.failed')).toMatchObject({
      nodeId: 'refuse',
      attempt: 1,
      error: { code: 'VALIDATION_FAILED', retryable: false },
    });
  });

  it("times out a node past its timeoutMs, retrying it by the node's policy", async () => {
    const document = chainDocument('slow', [
      {
        id: 'slow',
        type: 'delay',
        config: { ms: 600_000 },
        extra: { timeoutMs: 200, retry: { maxAttempts: 2, initialDelayMs: 10 } },
      },
    ]);
    const workflowId = await start({ document, input: 'x', limits });
    await expect(h.graphs.getResult(workflowId)).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining(
        'Node "slow" failed: Node "slow" timed out after 200 ms',
      ) as string,
    });
    const slow = h.sink.events(workflowId).filter((e) => e.nodeId === 'slow');
    expect(summary(slow)).toEqual([
      'node.queued slow 0',
      'node.started slow 1',
      'node.retrying slow 1',
      'node.started slow 2',
      'node.failed slow 2',
    ]);
  });

  it('fails a document that does not validate, naming the problem', async () => {
    const document = chainDocument('broken', [{ id: 'x', type: 'no.such.type' }]);
    const workflowId = await start({ document, input: {} });
    await expect(h.graphs.getResult(workflowId)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('no.such.type') as string,
    });
    expect(h.sink.events(workflowId).map((e) => e.type)).toEqual(['run.started', 'run.failed']);
  });

  it('cancels a run: the running node is aborted, every unfinished node cancelled', async () => {
    const workflowId = `cancel-${crypto.randomUUID()}`;
    const started = startOf(workflowId);
    const aborted = abortOf(workflowId);
    await start(
      { document: chainDocument('block', [{ id: 'block', type: 'test.block' }]), limits },
      workflowId,
    );
    await started;
    await h.graphs.cancel(workflowId);
    await expect(h.graphs.getResult(workflowId)).rejects.toMatchObject({
      code: 'CANCELLED',
      message: `Workflow execution "${workflowId}" was cancelled`,
    });
    await aborted;
    const events = h.sink.events(workflowId);
    expect(summary(events).slice(-3)).toEqual([
      'node.cancelled block 1',
      'node.cancelled out 0',
      'run.cancelled',
    ]);
    // Cancelling a closed execution changes nothing.
    await expect(h.graphs.cancel(workflowId)).resolves.toBeUndefined();
  });

  it('cancels a run busy with local activities within a slice of their work, one end per node', async () => {
    // 10 s of local work, cancelled at its start: the workflow ends its task after ~2 s of local
    // work (localWorkSliceMs), and the next task brings the cancellation, long before the end
    // (Temporal's own workflow task heartbeat would come at 8 s).
    const steps = Array.from({ length: 10 }, (_, i) => ({
      id: `d${i}`,
      type: 'delay',
      config: { ms: 1000 },
    }));
    const workflowId = await start({ document: chainDocument('waits', steps), input: 'x', limits });
    await h.waitForEvent(workflowId, (e) => e.type === 'node.started' && e.nodeId === 'd0');
    await h.graphs.cancel(workflowId);
    await expect(h.graphs.getResult(workflowId)).rejects.toMatchObject({ code: 'CANCELLED' });
    const history = (await h.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
    const nodeTasks = history.filter((event) =>
      event.activityTaskScheduledEventAttributes?.activityId?.startsWith('node:'),
    );
    expect(nodeTasks).toEqual([]); // the delays ran as local activities
    // The task ended on the slice's timer; the cancellation came with the next one, after about
    // three of the ten delays (Temporal's heartbeat alone would have let about eight finish).
    expect(history.some((event) => event.timerStartedEventAttributes)).toBe(true);
    const events = h.sink.events(workflowId);
    const done = events.filter((e) => e.type === 'node.succeeded' && e.nodeId?.startsWith('d'));
    expect(done.length).toBeLessThanOrEqual(4);
    expect(events.at(-1)?.type).toBe('run.cancelled');
    expect(
      events.filter((e) => e.type.startsWith('run.') && e.type !== 'run.started'),
    ).toHaveLength(1);
    expect(events.some((e) => e.type === 'node.failed')).toBe(false);
    // Every node ends once; the last delays never ran.
    const ends = ['node.succeeded', 'node.failed', 'node.skipped', 'node.cancelled'];
    const ended = events.filter((e) => ends.includes(e.type)).map((e) => e.nodeId);
    expect(ended.sort()).toEqual(['in', 'out', ...steps.map((step) => step.id)].sort());
    const last = events.find((e) => e.nodeId === 'd9' && ends.includes(e.type));
    expect(last?.type).toBe('node.cancelled');
  });

  it('terminates a run at once; its running node is aborted when it next heartbeats', async () => {
    const workflowId = `terminate-${crypto.randomUUID()}`;
    const started = startOf(workflowId);
    const aborted = abortOf(workflowId);
    await start(
      { document: chainDocument('block', [{ id: 'block', type: 'test.block' }]), limits },
      workflowId,
    );
    await started;
    await h.graphs.terminate(workflowId, 'operator stopped it');
    await expect(h.graphs.getResult(workflowId)).rejects.toMatchObject({
      code: 'CANCELLED',
      message: `Workflow execution "${workflowId}" was terminated: operator stopped it`,
      details: { terminated: true, reason: 'operator stopped it' },
    });
    await aborted;
  });

  it('refuses signals to a closed run and names unknown runs and queries', async () => {
    const document = chainDocument('quick', []);
    const workflowId = await start({ document, input: 1 });
    await h.graphs.getResult(workflowId);
    await expect(
      h.graphs.signal(workflowId, APPROVE_SIGNAL, { nodeId: 'x' }),
    ).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: `Workflow execution "${workflowId}" is completed: it takes no signals`,
    });
    await expect(h.graphs.query(workflowId, 'nope')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `Workflow execution "${workflowId}" has no query handler "nope"`,
    });
    for (const call of [
      () => h.graphs.getResult('missing'),
      () => h.graphs.signal('missing', APPROVE_SIGNAL, {}),
      () => h.graphs.query('missing', STATE_QUERY),
      () => h.graphs.cancel('missing'),
      () => h.graphs.terminate('missing'),
    ]) {
      await expect(call()).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'No execution "missing" of workflow "graph"',
      });
    }
  });

  it('continues as new when the history grows, and finishes with every node run once', async () => {
    const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({
      id,
      type,
      position: { x: 0, y: 0 },
      config,
    });
    const fan = Array.from({ length: 8 }, (_, i) => `a${i}`);
    const chain = Array.from({ length: 8 }, (_, i) => `b${i}`);
    const document = {
      format: 'beluga.graph/v1',
      id: 'large',
      name: 'large',
      settings: { maxWorkers: 4 },
      nodes: [
        node('in', 'input'),
        ...fan.map((id, i) => node(id, 'transform', { expression: `n + ${i}` })),
        node('merge', 'merge', { mode: 'array' }),
        node(chain[0] as string, 'transform', { expression: '$sum($)' }),
        ...chain.slice(1).map((id) => node(id, 'transform', { expression: '$ + 1' })),
        node('out', 'output'),
      ],
      edges: [
        ...fan.map((id) => ({ id: `in-${id}`, source: 'in', target: id })),
        ...fan.map((id) => ({ id: `${id}-merge`, source: id, target: 'merge' })),
        { id: 'merge-b0', source: 'merge', target: 'b0' },
        ...chain.slice(1).map((id, i) => ({ id: `c${i}`, source: chain[i] as string, target: id })),
        { id: 'b7-out', source: 'b7', target: 'out' },
      ],
    };
    const workflowId = await start({
      document,
      input: { n: 10 },
      // Transforms run as (regular) activities here, about 6 history events each.
      limits: { historyLengthThreshold: 40, localNodeTypes: [] },
    });
    // 8 × 10 + (0 + 1 + … + 7) = 108, then + 1 seven times.
    await expect(h.graphs.getResult(workflowId)).resolves.toBe(115);
    const state = await h.graphs.query<GraphRunState>(workflowId, STATE_QUERY);
    expect(state.continuedAsNew).toBeGreaterThanOrEqual(2);
    expect(state.nodes.every((n) => n.status === 'succeeded')).toBe(true);
    const events = h.sink.events(workflowId);
    const succeeded = events.filter((e) => e.type === 'node.succeeded').map((e) => e.nodeId);
    expect(succeeded.sort()).toEqual(document.nodes.map((n) => n.id).sort());
    expect(events.filter((e) => e.type === 'run.started')).toHaveLength(1);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const latest = await h.client.workflow.getHandle(workflowId).describe();
    executions.push({ workflowId, runId: latest.runId });
  });

  it('fails a run whose inline state is too big to carry across continue-as-new, naming the fix', async () => {
    const steps = Array.from({ length: 6 }, (_, i) => ({
      id: `t${i}`,
      type: 'transform',
      config: { expression: 'n' },
    }));
    const workflowId = await start({
      document: chainDocument('heavy', steps),
      input: { n: 1 },
      limits: { historyLengthThreshold: 20, localNodeTypes: [], maxCarriedChars: 500 },
    });
    await expect(h.graphs.getResult(workflowId)).rejects.toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      message: expect.stringMatching(
        /over the 500 it may carry.*by reference \(documentRef\)/,
      ) as string,
    });
    const events = h.sink.events(workflowId);
    expect(events.at(-1)).toMatchObject({
      type: 'run.failed',
      error: { code: 'RESOURCE_EXHAUSTED' },
    });
  });

  it('leaves an approval through its timeout port when nobody decides in time', async () => {
    const document = reviewDocument();
    const review = document.nodes.find((n) => n.id === 'review') as { config: object };
    review.config = { prompt: 'Ship it?', timeoutMs: 500 };
    document.nodes.push({
      id: 'expired',
      type: 'transform',
      position: { x: 0, y: 0 },
      config: { expression: '{ "expired": decision }' },
    });
    document.edges.push(
      { id: 'review-expired', source: 'review', sourcePort: 'timeout', target: 'expired' },
      { id: 'expired-merge', source: 'expired', sourcePort: 'out', target: 'merge' },
    );
    const workflowId = await start({ document, input: {} });
    await expect(h.graphs.getResult(workflowId)).resolves.toEqual({ expired: 'timeout' });
  });

  it('fails a run past its runTimeoutMs with TIMEOUT and aborts the running node', async () => {
    const workflowId = `deadline-${crypto.randomUUID()}`;
    const aborted = abortOf(workflowId);
    const document = {
      ...chainDocument('deadline', [{ id: 'block', type: 'test.block' }]),
      settings: { runTimeoutMs: 1000 },
    };
    await start({ document, limits }, workflowId);
    await expect(h.graphs.getResult(workflowId)).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: `Workflow execution "${workflowId}" failed: Run timed out after 1000 ms`,
    });
    await aborted;
    expect(summary(h.sink.events(workflowId)).slice(-3)).toEqual([
      'node.cancelled block 1',
      'node.cancelled out 0',
      'run.failed',
    ]);
  });

  it('keeps an approval waiting across continue-as-new', async () => {
    const document = reviewDocument();
    // Six more nodes in parallel with the approval, so the history passes the threshold.
    for (let i = 0; i < 6; i++) {
      document.nodes.push({
        id: `side${i}`,
        type: 'transform',
        position: { x: 0, y: 0 },
        config: { expression: `${i}` },
      });
      document.edges.push({
        id: `in-side${i}`,
        source: 'in',
        sourcePort: 'out',
        target: `side${i}`,
      });
    }
    const execution = await h.graphs.execute({
      document,
      input: {},
      limits: { historyLengthThreshold: 20, localNodeTypes: [] },
    });
    const { workflowId, runId } = execution;
    executions.push(execution);
    await h.waitForEvent(workflowId, (e) => e.type === 'node.waiting');
    // The first run ends by continuing as new while the approval waits.
    const firstRun = h.client.workflow.getHandle(workflowId, runId, { followRuns: false });
    await expect(firstRun.result()).rejects.toThrow('Workflow execution continued as new');
    const state = await h.graphs.query<GraphRunState>(workflowId, STATE_QUERY);
    expect(state.continuedAsNew).toBeGreaterThanOrEqual(1);
    expect(state.nodes.find((n) => n.nodeId === 'review')?.status).toBe('waiting');
    await h.graphs.signal(workflowId, APPROVE_SIGNAL, { nodeId: 'review', comment: 'later' });
    await expect(h.graphs.getResult(workflowId)).resolves.toEqual({ shipped: 'later' });
    const waits = h.sink.events(workflowId).filter((e) => e.type === 'node.waiting');
    expect(waits).toHaveLength(1);
    const latest = await h.client.workflow.getHandle(workflowId).describe();
    executions.push({ workflowId, runId: latest.runId });
  });

  it('runs a graph given by reference, its document and node configs kept out of the history', async () => {
    const steps = Array.from({ length: 10 }, (_, i) => ({
      id: `t${i}`,
      type: 'transform',
      config: { expression: i === 9 ? '$ & "-secret-7f3a"' : '$ & "."' },
    }));
    savedDocuments.set('chain@1', chainDocument('chain', steps));
    const workflowId = await start({
      documentRef: 'chain@1',
      input: 'go',
      // Regular activities and a low threshold: the run also continues as new (and re-fetches).
      limits: { historyLengthThreshold: 40, localNodeTypes: [] },
    });
    await expect(h.graphs.getResult(workflowId)).resolves.toBe('go.........-secret-7f3a');
    const state = await h.graphs.query<GraphRunState>(workflowId, STATE_QUERY);
    expect(state.continuedAsNew).toBeGreaterThanOrEqual(1);
    const first = executions.at(-1) as { runId: string };
    const histories = await Promise.all([
      h.client.workflow.getHandle(workflowId, first.runId).fetchHistory(),
      h.client.workflow.getHandle(workflowId).fetchHistory(),
    ]);
    // The output carries the marker; the config holding the expression is in no history…
    const expression = String.raw`$ & \"-secret-7f3a\"`;
    const text = histories.map(historyText).join('\n');
    expect(text).toContain('go.........-secret-7f3a');
    expect(text).not.toContain(expression);
    // …where a run of the same document given inline has it.
    const inline = await start({ document: savedDocuments.get('chain@1'), input: 'go' });
    await h.graphs.getResult(inline);
    expect(historyText(await h.client.workflow.getHandle(inline).fetchHistory())).toContain(
      expression,
    );
    const latest = await h.client.workflow.getHandle(workflowId).describe();
    executions.push({ workflowId, runId: latest.runId });
  });

  it('fails a run whose document reference resolves to nothing, with NOT_FOUND', async () => {
    const workflowId = await start({ documentRef: 'missing@1', input: {} });
    await expect(h.graphs.getResult(workflowId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `Workflow execution "${workflowId}" failed: No saved graph "missing@1"`,
    });
  });

  it('replays every recorded history without non-determinism', async () => {
    const histories = await Promise.all(
      executions.map(async ({ workflowId, runId }) => ({
        workflowId,
        history: await h.client.workflow.getHandle(workflowId, runId).fetchHistory(),
      })),
    );
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: h.bundle, sinks: replaySinks },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    expect(failures).toEqual([]);
    expect(histories.length).toBeGreaterThanOrEqual(10);
  });
});
