import { compile, createCatalog } from '@beluga/graph';
import { isOrchestratorError, type RunEvent } from '@beluga/orchestration';
import { describe, expect, it } from 'vitest';
import { graphDocument } from '../test/documents.js';
import { createApprovalNode } from './approval.js';
import { createApprovalBroker, type ApprovalBroker } from './approvals.js';
import { inputNode, outputNode } from './io.js';
import { mergeNode } from './merge.js';
import { transformNode } from './transform.js';

function reviewGraph(timeoutMs?: number) {
  return graphDocument(
    [
      ['in', 'input'],
      ['review', 'approval', { prompt: 'Publish?', ...(timeoutMs ? { timeoutMs } : {}) }],
      ['yes', 'transform', { expression: '"published: " & input.title & " (" & comment & ")"' }],
      ['no', 'transform', { expression: '"rejected by " & by' }],
      ['late', 'transform', { expression: '"nobody answered"' }],
      ['join', 'merge', { mode: 'first' }],
      ['out', 'output'],
    ],
    [
      'in->review',
      'review.approved->yes',
      'review.rejected->no',
      'review.timeout->late',
      'yes->join',
      'no->join',
      'late->join',
      'join->out',
    ],
  );
}

/** Starts the run and resolves once the approval node announced that it waits. */
function startReview(broker: ApprovalBroker, timeoutMs?: number) {
  const catalog = createCatalog([
    inputNode,
    outputNode,
    transformNode,
    mergeNode,
    createApprovalNode(broker),
  ]);
  const events: RunEvent[] = [];
  const controller = new AbortController();
  let announce: (event: RunEvent) => void = () => undefined;
  const waiting = new Promise<RunEvent>((resolve) => (announce = resolve));
  const result = compile(reviewGraph(timeoutMs), catalog).invoke(
    { title: 'Q3 report' },
    {
      runId: 'run-1',
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'node.waiting') announce(event);
      },
    },
  );
  result.catch(() => undefined);
  return { result, events, waiting, controller };
}

function errorOf(run: () => void) {
  try {
    run();
  } catch (error) {
    if (isOrchestratorError(error)) return { code: error.code, message: error.message };
  }
  return undefined;
}

describe('approval node', () => {
  it('waits for a person and continues on the approved path with the comment', async () => {
    const broker = createApprovalBroker();
    const run = startReview(broker);
    const waiting = await run.waiting;
    expect(waiting).toMatchObject({
      nodeId: 'review',
      data: { prompt: 'Publish?', input: { title: 'Q3 report' } },
    });
    expect(broker.pending()).toEqual([
      expect.objectContaining({ runId: 'run-1', nodeId: 'review', prompt: 'Publish?' }),
    ]);
    broker.decide('run-1', 'review', { decision: 'approved', comment: 'looks good', by: 'ada' });
    expect(await run.result).toBe('published: Q3 report (looks good)');
    expect(broker.pending()).toEqual([]);
  });

  it('takes the rejected path and refuses a second decision with a clear error', async () => {
    const broker = createApprovalBroker();
    const run = startReview(broker);
    await run.waiting;
    broker.decide('run-1', 'review', { decision: 'rejected', by: 'grace' });
    expect(await run.result).toBe('rejected by grace');
    expect(errorOf(() => broker.decide('run-1', 'review', { decision: 'approved' }))).toEqual({
      code: 'INVALID_STATE',
      message: 'Node "review" of run "run-1" was already rejected by grace',
    });
    expect(errorOf(() => broker.decide('run-1', 'other', { decision: 'approved' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('leaves through the timeout port when nobody answers in time', async () => {
    const broker = createApprovalBroker();
    const run = startReview(broker, 20);
    expect(await run.result).toBe('nobody answered');
    expect(broker.pending()).toEqual([]);
    expect(errorOf(() => broker.decide('run-1', 'review', { decision: 'approved' }))).toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
  });

  it('withdraws the request when the run is cancelled while it waits', async () => {
    const broker = createApprovalBroker();
    const changes: number[] = [];
    broker.onChange(() => changes.push(broker.pending().length));
    const run = startReview(broker);
    await run.waiting;
    run.controller.abort();
    await expect(run.result).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(broker.pending()).toEqual([]);
    expect(changes).toEqual([1, 0]);
  });
});
