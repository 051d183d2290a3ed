import { describe, expect, it } from 'vitest';
import { edgeFlowOf } from './edgeFlow';
import { applyRunEvents, emptyNodeState, type RunFold } from './runFold';
import { foldSnapshot, type RunSnapshot } from './runSnapshot';
import type { RunEdge, RunEvent, RunSummary } from './runTypes';

const run = {
  id: 'r1',
  workspaceId: 'w1',
  graphId: 'g1',
  graphVersion: 1,
  graphName: 'G',
  executor: 'local',
  status: 'running',
  input: { topic: 'whales' },
  output: null,
  error: null,
  startedBy: 'ada',
  instanceId: 'i',
  createdAt: '2026-01-01T00:00:00.000Z',
  finishedAt: null,
  workflowId: null,
  workflowRunId: null,
  heartbeatAt: '2026-01-01T00:00:00.000Z',
} satisfies RunSummary;

const edges: RunEdge[] = [
  { id: 'e1', source: 'in', sourcePort: 'out', target: 'check' },
  { id: 'e2', source: 'check', sourcePort: 'true', target: 'yes' },
  { id: 'e3', source: 'check', sourcePort: 'false', target: 'no' },
];

function emptyFold(): RunFold {
  const nodes = Object.fromEntries(
    ['in', 'check', 'yes', 'no'].map((id) => [id, emptyNodeState(id, 'x')]),
  );
  return { run, lastSeq: 0, nodes, attempts: {}, approvals: {} };
}

let seq = 0;
function event(type: RunEvent['type'], fields: Partial<RunEvent> = {}): RunEvent {
  seq += 1;
  return { type, runId: 'r1', seq, ts: 1000 + seq * 10, ...fields };
}

describe('applyRunEvents', () => {
  it('folds node events into states and feeds outputs to the next nodes', () => {
    seq = 0;
    const events = [
      event('run.started'),
      event('node.queued', { nodeId: 'in', attempt: 0 }),
      event('node.started', { nodeId: 'in', attempt: 1 }),
      event('node.succeeded', { nodeId: 'in', attempt: 1, durationMs: 3, data: { n: 1 } }),
      event('node.started', { nodeId: 'check', attempt: 1 }),
      event('node.succeeded', { nodeId: 'check', attempt: 1, data: { true: { n: 1 } } }),
      event('node.skipped', { nodeId: 'no', attempt: 0 }),
      event('node.started', { nodeId: 'yes', attempt: 1 }),
      event('node.progress', { nodeId: 'yes', attempt: 1, data: { token: 'Hel' } }),
      event('node.progress', { nodeId: 'yes', attempt: 1, data: { token: 'lo' } }),
    ];
    const fold = applyRunEvents(emptyFold(), events, edges);
    expect(fold.lastSeq).toBe(10);
    expect(fold.nodes.in).toMatchObject({ status: 'succeeded', attempt: 1, startedAt: 1030 });
    expect(fold.nodes.in).toMatchObject({ finishedAt: 1040, durationMs: 3, output: { n: 1 } });
    expect(fold.nodes.check?.input).toEqual({ n: 1 });
    expect(fold.nodes.yes).toMatchObject({ status: 'running', input: { n: 1 } });
    expect(fold.nodes.yes?.progress).toEqual([{ token: 'Hel' }, { token: 'lo' }]);
    expect(fold.nodes.no).toMatchObject({ status: 'skipped', finishedAt: 1070 });
    expect(fold.nodes.no?.input).toBeUndefined();
    expect(edgeFlowOf(fold.nodes, edges)).toEqual({
      e1: 'delivered',
      e2: 'flowing',
      e3: 'silent',
    });
  });

  it('skips events it already applied, as a resumed stream may resend them', () => {
    seq = 0;
    const first = [event('node.started', { nodeId: 'in', attempt: 1 })];
    const second = [event('node.progress', { nodeId: 'in', attempt: 1, data: 'a' })];
    const once = applyRunEvents(applyRunEvents(emptyFold(), first, edges), second, edges);
    expect(applyRunEvents(once, second, edges)).toBe(once);
    const overlapping = applyRunEvents(once, [...first, ...second], edges);
    expect(overlapping).toBe(once);
    expect(once.nodes.in?.progress).toEqual(['a']);
  });

  it('keeps the untouched nodes as they were, so their components do not re-render', () => {
    seq = 0;
    const before = emptyFold();
    const after = applyRunEvents(before, [event('node.started', { nodeId: 'in' })], edges);
    expect(after.nodes.in).not.toBe(before.nodes.in);
    expect(after.nodes.yes).toBe(before.nodes.yes);
    expect(before.nodes.in?.status).toBe('pending');
  });

  it('records each attempt of a retried node for the timeline', () => {
    seq = 0;
    const error = { code: 'TIMEOUT', message: 'slow', retryable: true };
    const fold = applyRunEvents(
      emptyFold(),
      [
        event('node.started', { nodeId: 'in', attempt: 1 }),
        event('node.retrying', { nodeId: 'in', attempt: 1, error, delayMs: 100 }),
        event('node.started', { nodeId: 'in', attempt: 2 }),
        event('node.succeeded', { nodeId: 'in', attempt: 2, data: 1 }),
      ],
      edges,
    );
    expect(fold.nodes.in).toMatchObject({ status: 'succeeded', attempt: 2, startedAt: 1010 });
    expect(fold.attempts.in).toEqual([
      { attempt: 1, startedAt: 1010, endedAt: 1020, outcome: 'retried', error, delayMs: 100 },
      { attempt: 2, startedAt: 1030, endedAt: 1040, outcome: 'succeeded' },
    ]);
  });

  it('lists a waiting approval until the node is decided', () => {
    seq = 0;
    const waiting = applyRunEvents(
      emptyFold(),
      [
        event('node.started', { nodeId: 'check', attempt: 1 }),
        event('node.waiting', {
          nodeId: 'check',
          attempt: 1,
          data: { prompt: 'Ship it?', input: { n: 2 } },
        }),
      ],
      edges,
    );
    expect(waiting.nodes.check).toMatchObject({ status: 'waiting', input: { n: 2 } });
    expect(waiting.approvals.check).toEqual({
      nodeId: 'check',
      prompt: 'Ship it?',
      input: { n: 2 },
      since: 1020,
    });
    expect(waiting.attempts.check?.[0]?.waitingSince).toBe(1020);
    const decided = applyRunEvents(
      waiting,
      [event('node.succeeded', { nodeId: 'check', attempt: 1, data: { approved: {} } })],
      edges,
    );
    expect(decided.approvals).toEqual({});
  });

  it('follows the run record through its terminal event', () => {
    seq = 0;
    const done = applyRunEvents(emptyFold(), [event('run.succeeded', { data: { ok: 1 } })], edges);
    expect(done.run).toMatchObject({ status: 'succeeded', output: { ok: 1 } });
    expect(done.run?.finishedAt).toBe(new Date(1010).toISOString());
    const error = { code: 'INTERRUPTED', message: 'stopped', retryable: false };
    const lost = applyRunEvents(emptyFold(), [event('run.failed', { error })], edges);
    expect(lost.run).toMatchObject({ status: 'interrupted', error: { code: 'INTERRUPTED' } });
  });

  it('adds a node the document does not know instead of dropping its events', () => {
    seq = 0;
    const fold = applyRunEvents(emptyFold(), [event('node.started', { nodeId: 'new' })], edges);
    expect(fold.nodes.new).toMatchObject({ status: 'running', type: 'unknown' });
  });
});

describe('foldSnapshot', () => {
  it('gives entry nodes the run input, a span per started node and the waiting approvals', () => {
    const snapshot: RunSnapshot = {
      run,
      lastSeq: 7,
      nodes: [
        { ...emptyNodeState('in', 'input'), status: 'succeeded', attempt: 1, startedAt: 5 },
        {
          ...emptyNodeState('check', 'approval'),
          status: 'waiting',
          attempt: 3,
          startedAt: 6,
          input: { n: 1 },
        },
        emptyNodeState('yes', 'output'),
      ],
      pendingApprovals: [{ runId: 'r1', nodeId: 'check', prompt: 'OK?', since: 9 }],
      temporalUrl: null,
    };
    const fold = foldSnapshot(snapshot, edges);
    expect(fold.lastSeq).toBe(7);
    expect(fold.nodes.in?.input).toEqual({ topic: 'whales' });
    expect(fold.nodes.yes?.input).toBeUndefined();
    expect(fold.attempts.check).toEqual([
      { attempt: 3, startedAt: 6, outcome: 'running', merged: true, waitingSince: 9 },
    ]);
    expect(fold.attempts.yes).toEqual([]);
    expect(fold.approvals.check).toEqual({
      nodeId: 'check',
      prompt: 'OK?',
      input: { n: 1 },
      since: 9,
    });
  });
});
