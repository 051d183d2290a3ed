import { describe, expect, it, vi } from 'vitest';
import { createTestTelemetry } from '../test/telemetry.js';
import { OrchestratorError } from './errors.js';
import { createWorkflow, type WorkflowContext } from './workflow.js';

/** Waits for one signal and returns its payload. */
const approval = createWorkflow(async (doc: string, ctx: WorkflowContext) => {
  let state = 'waiting';
  ctx.setQueryHandler('state', () => state);
  const review = await ctx.waitForSignal<{ approved: boolean }>('review');
  state = review.approved ? 'published' : 'rejected';
  return `${doc}: ${state}`;
});

const timeouts = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('createWorkflow: executions', () => {
  it('runs the function and returns its result', async () => {
    const workflow = createWorkflow((n: number) => n * 2, { name: 'double' });
    const { workflowId, runId } = await workflow.execute(21);
    expect(workflowId).toMatch(/^double-/);
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(workflow.getResult(workflowId)).resolves.toBe(42);
  });

  it('returns from execute without waiting for the function to finish', async () => {
    const workflow = createWorkflow(() => new Promise(() => undefined));
    const { workflowId } = await workflow.execute(1);
    await expect(workflow.check()).resolves.toMatchObject({ details: { running: 1 } });
    await workflow.cancel(workflowId);
  });

  it('turns a synchronous throw into a failed execution, not a failed execute', async () => {
    const workflow = createWorkflow(() => {
      throw new OrchestratorError({ code: 'NOT_FOUND', op: 'x', message: 'no doc' });
    });
    const { workflowId } = await workflow.execute(1);
    await expect(workflow.getResult(workflowId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('uses a given workflow id and refuses it while that execution runs', async () => {
    const { workflowId } = await approval.execute('a', { workflowId: 'doc-1' });
    expect(workflowId).toBe('doc-1');
    await expect(approval.execute('b', { workflowId: 'doc-1' })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    await approval.signal('doc-1', 'review', { approved: false });
    await expect(approval.getResult('doc-1')).resolves.toBe('a: rejected');
    const again = await approval.execute('c', { workflowId: 'doc-1' });
    await approval.cancel(again.workflowId);
  });

  it('rejects the result with the failure, keeping an orchestrator code', async () => {
    const workflow = createWorkflow(() => {
      throw new Error('broken');
    });
    const { workflowId } = await workflow.execute(null);
    await expect(workflow.getResult(workflowId)).rejects.toMatchObject({
      code: 'EXECUTION_FAILED',
      message: expect.stringContaining('broken') as unknown,
      cause: new Error('broken'),
    });
  });

  it('answers NOT_FOUND for an unknown workflow id, on every method', async () => {
    const calls = [
      approval.getResult('nope'),
      approval.signal('nope', 'review'),
      approval.query('nope', 'state'),
      approval.cancel('nope'),
      approval.terminate('nope', 'why'),
    ];
    for (const call of calls) await expect(call).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('createWorkflow: signals and queries', () => {
  it('delivers a signal to the waiting workflow and answers queries', async () => {
    const { workflowId } = await approval.execute('doc');
    await vi.waitFor(async () => expect(await approval.query(workflowId, 'state')).toBe('waiting'));
    await approval.signal(workflowId, 'review', { approved: true });
    await expect(approval.getResult(workflowId)).resolves.toBe('doc: published');
    await expect(approval.query(workflowId, 'state')).resolves.toBe('published');
  });

  it('buffers signals sent before the workflow waits, in order', async () => {
    const workflow = createWorkflow(async (_: null, ctx: WorkflowContext) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return [await ctx.waitForSignal('n'), await ctx.waitForSignal('n')];
    });
    const { workflowId } = await workflow.execute(null);
    await workflow.signal(workflowId, 'n', 1);
    await workflow.signal(workflowId, 'n', 2);
    await expect(workflow.getResult(workflowId)).resolves.toEqual([1, 2]);
  });

  it('passes query arguments and reports an unknown or failing query', async () => {
    const workflow = createWorkflow((_: null, ctx: WorkflowContext) => {
      ctx.setQueryHandler('add', (a, b) => Number(a) + Number(b));
      ctx.setQueryHandler('broken', () => {
        throw new Error('no');
      });
      return ctx.waitForSignal('stop');
    });
    const { workflowId } = await workflow.execute(null);
    await vi.waitFor(async () => expect(await workflow.query(workflowId, 'add', 2, 3)).toBe(5));
    await expect(workflow.query(workflowId, 'missing')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(workflow.query(workflowId, 'broken')).rejects.toMatchObject({
      code: 'EXECUTION_FAILED',
    });
    await workflow.signal(workflowId, 'stop');
  });

  it('refuses signals once the execution has closed', async () => {
    const workflow = createWorkflow(() => 'done');
    const { workflowId } = await workflow.execute(null);
    await workflow.getResult(workflowId);
    await expect(workflow.signal(workflowId, 'late')).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
  });
});

describe('createWorkflow: cancel, terminate, timeout', () => {
  it('cancel rejects the result with CANCELLED and fires the workflow signal', async () => {
    const signals: AbortSignal[] = [];
    const workflow = createWorkflow((_: null, ctx: WorkflowContext) => {
      signals.push(ctx.signal);
      return ctx.waitForSignal('never');
    });
    const { workflowId } = await workflow.execute(null);
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    await workflow.cancel(workflowId);
    await expect(workflow.getResult(workflowId)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(signals[0]?.aborted).toBe(true);
    await workflow.cancel(workflowId); // closing twice changes nothing
  });

  it('rejects a pending waitForSignal with CANCELLED, so the function can clean up', async () => {
    const seen: unknown[] = [];
    const workflow = createWorkflow(async (_: null, ctx: WorkflowContext) => {
      try {
        return await ctx.waitForSignal('never');
      } catch (error) {
        seen.push(error);
        throw error;
      }
    });
    const { workflowId } = await workflow.execute(null);
    await new Promise((resolve) => setImmediate(resolve)); // let the function reach its wait
    await workflow.cancel(workflowId);
    await vi.waitFor(() => expect(seen).toEqual([expect.objectContaining({ code: 'CANCELLED' })]));
  });

  it('terminate records the reason', async () => {
    const { workflowId } = await approval.execute('x');
    await approval.terminate(workflowId, 'obsolete');
    const error: unknown = await approval.getResult(workflowId).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'CANCELLED',
      op: 'workflow.terminate',
      details: { terminated: true, reason: 'obsolete' },
    });
  });

  it('ignores what the function does after it was cancelled', async () => {
    let finish: (value: string) => void = () => undefined;
    const workflow = createWorkflow(() => new Promise<string>((resolve) => (finish = resolve)));
    const { workflowId } = await workflow.execute(null);
    await workflow.cancel(workflowId);
    finish('late');
    await expect(workflow.getResult(workflowId)).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('times out with TIMEOUT and leaves no timer behind', async () => {
    const before = timeouts();
    const slow = createWorkflow((_: null, ctx) => ctx.waitForSignal('never'), { timeoutMs: 20 });
    const { workflowId } = await slow.execute(null);
    await expect(slow.getResult(workflowId)).rejects.toMatchObject({ code: 'TIMEOUT' });
    const quick = createWorkflow(() => 1, { timeoutMs: 60_000 });
    await quick.getResult((await quick.execute(null)).workflowId);
    // Other timers of the test runner come and go; a leaked deadline timer would stay.
    await vi.waitFor(() => expect(timeouts()).toBeLessThanOrEqual(before));
  });
});

describe('createWorkflow: options, retention, health, telemetry', () => {
  it('validates its options and function', () => {
    expect(() => createWorkflow(() => 1, { timeoutMs: -5 })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field: 'timeoutMs' }),
    );
    expect(() => createWorkflow('nope' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field: 'fn' }),
    );
  });

  it('keeps at most maxRetained closed executions, dropping the oldest', async () => {
    const workflow = createWorkflow((n: number) => n, { maxRetained: 2 });
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const { workflowId } = await workflow.execute(n);
      await workflow.getResult(workflowId);
      ids.push(workflowId);
    }
    await vi.waitFor(() =>
      expect(workflow.getResult(ids[0]!)).rejects.toMatchObject({ code: 'NOT_FOUND' }),
    );
    await expect(workflow.getResult(ids[2]!)).resolves.toBe(3);
  });

  it('reports its health with running and retained executions', async () => {
    const workflow = createWorkflow((_: null, ctx: WorkflowContext) => ctx.waitForSignal('go'));
    const { workflowId } = await workflow.execute(null);
    await expect(workflow.check()).resolves.toEqual({
      status: 'healthy',
      details: { provider: 'local', running: 1, retained: 0 },
    });
    await workflow.cancel(workflowId);
  });

  it('records a span and metrics per execution', async () => {
    const otel = createTestTelemetry();
    const workflow = createWorkflow(
      (n: number) => {
        if (n < 0) throw new Error('negative');
        return n;
      },
      { name: 'w', telemetry: otel.telemetry },
    );
    const ok = await workflow.execute(1);
    const bad = await workflow.execute(-1);
    await workflow.getResult(ok.workflowId);
    await workflow.getResult(bad.workflowId).catch(() => undefined);
    const spans = otel.spans().filter((span) => span.name === 'workflow w');
    expect(spans.map((span) => span.attributes['beluga.workflow.status']).sort()).toEqual([
      'completed',
      'failed',
    ]);
    const executions = 'beluga.orchestration.executions';
    expect(await otel.sum(executions, { kind: 'workflow', status: 'succeeded' })).toBe(1);
    expect(await otel.sum(executions, { kind: 'workflow', status: 'failed' })).toBe(1);
    expect(await otel.sum('beluga.orchestration.errors', { kind: 'workflow' })).toBe(1);
    expect(await otel.sum('beluga.orchestration.active', { kind: 'workflow' })).toBe(0);
  });
});
