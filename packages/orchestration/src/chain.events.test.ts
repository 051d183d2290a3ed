import { SpanStatusCode, trace } from '@opentelemetry/api';
import { describe, expect, it, vi } from 'vitest';
import { createTestTelemetry } from '../test/telemetry.js';
import { createChain } from './chain.js';
import type { RunEvent } from './events.js';
import type { StepContext } from './runnable.js';

const fast = { initialDelayMs: 1, maxDelayMs: 1 };

async function collect(stream: AsyncIterable<RunEvent>): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const summary = (events: RunEvent[]) => events.map((e) => [e.type, e.nodeId, e.attempt]);

describe('chain events', () => {
  it('reports every step with a gapless sequence, the run id and the output', async () => {
    const events: RunEvent[] = [];
    const chain = createChain([
      (n: number) => n * 2,
      function inc(n: number) {
        return n + 1;
      },
    ]);
    await chain.invoke(5, { runId: 'run-1', onEvent: (event) => events.push(event) });
    expect(summary(events)).toEqual([
      ['run.started', undefined, undefined],
      ['node.started', 'step-0', 1],
      ['node.succeeded', 'step-0', 1],
      ['node.started', 'inc', 1],
      ['node.succeeded', 'inc', 1],
      ['run.succeeded', undefined, undefined],
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.every((e) => e.runId === 'run-1' && typeof e.ts === 'number')).toBe(true);
    expect(events[0]?.data).toBe(5);
    expect(events[2]?.data).toBe(10);
    expect(events[5]).toMatchObject({ data: 11, durationMs: expect.any(Number) as unknown });
  });

  it('reports retries with their delay, then the failure', async () => {
    const events: RunEvent[] = [];
    const step = vi.fn<(n: number) => Promise<never>>().mockRejectedValue(new Error('flaky'));
    const chain = createChain([(n: number) => step(n)], {
      retries: { maxAttempts: 2, ...fast, jitter: 0 },
    });
    await chain.invoke(1, { onEvent: (event) => events.push(event) }).catch(() => undefined);
    expect(summary(events)).toEqual([
      ['run.started', undefined, undefined],
      ['node.started', 'step-0', 1],
      ['node.retrying', 'step-0', 1],
      ['node.started', 'step-0', 2],
      ['node.failed', 'step-0', 2],
      ['run.failed', undefined, undefined],
    ]);
    expect(events[2]).toMatchObject({
      delayMs: 1,
      error: { code: 'EXECUTION_FAILED', retryable: true },
    });
    expect(events[5]?.error).toMatchObject({
      code: 'EXECUTION_FAILED',
      message: expect.stringMatching(/flaky/) as unknown,
    });
  });

  it('generates a run id when none is given', async () => {
    const events: RunEvent[] = [];
    await createChain([]).invoke(1, { onEvent: (event) => events.push(event) });
    expect(events[0]?.runId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps running when a listener throws', async () => {
    const chain = createChain([(n: number) => n + 1]);
    const onEvent = () => {
      throw new Error('listener bug');
    };
    await expect(chain.invoke(1, { onEvent })).resolves.toBe(2);
  });

  it('bounds the data previews', async () => {
    const events: RunEvent[] = [];
    const chain = createChain([() => 'x'.repeat(100)], { previewChars: 10 });
    await chain.invoke(1, { onEvent: (event) => events.push(event) });
    expect(events.at(-1)?.data).toBe(`${'x'.repeat(10)}…`);
  });
});

describe('chain stream', () => {
  it('yields the same events as onEvent receives, and ends', async () => {
    const seen: RunEvent[] = [];
    const chain = createChain([(s: string) => s.toUpperCase()]);
    const streamed = await collect(chain.stream('a', { onEvent: (event) => seen.push(event) }));
    expect(streamed).toEqual(seen);
    expect(streamed.at(-1)).toMatchObject({ type: 'run.succeeded', data: 'A' });
  });

  it('reports a failure as run.failed without throwing', async () => {
    const chain = createChain([() => Promise.reject(new Error('nope'))]);
    const events = await collect(chain.stream(1));
    expect(events.at(-1)).toMatchObject({
      type: 'run.failed',
      error: { message: expect.stringMatching(/nope/) as unknown },
    });
  });

  it('reports a cancellation as node.cancelled then run.cancelled', async () => {
    const controller = new AbortController();
    const chain = createChain([() => new Promise(() => undefined)]);
    const types: string[] = [];
    for await (const event of chain.stream(1, { signal: controller.signal })) {
      types.push(event.type);
      if (event.type === 'node.started') controller.abort();
    }
    expect(types).toEqual(['run.started', 'node.started', 'node.cancelled', 'run.cancelled']);
  });

  it('detaches without cancelling the run when the consumer stops early', async () => {
    let finished = false;
    const chain = createChain([
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        finished = true;
      },
    ]);
    for await (const event of chain.stream(1)) {
      if (event.type === 'node.started') break;
    }
    await vi.waitFor(() => expect(finished).toBe(true));
  });
});

describe('chain telemetry', () => {
  it('records a run span with a child span per step', async () => {
    const otel = createTestTelemetry();
    const chain = createChain(
      [
        (n: number) => n,
        function second(n: number) {
          return n;
        },
      ],
      { name: 'pipeline', telemetry: otel.telemetry },
    );
    const events: RunEvent[] = [];
    await chain.invoke(1, {
      runId: 'r1',
      metadata: { tenant: 't1' },
      onEvent: (event) => events.push(event),
    });
    const spans = otel.spans();
    const run = spans.find((span) => span.name === 'chain pipeline');
    const steps = spans.filter((span) => span.name.startsWith('step '));
    expect(run?.attributes).toMatchObject({
      'beluga.run.id': 'r1',
      'beluga.chain.steps': 2,
      'beluga.run.status': 'succeeded',
      'beluga.metadata.tenant': 't1',
    });
    expect(steps.map((span) => span.name)).toEqual(['step step-0', 'step second']);
    for (const step of steps) {
      expect(step.parentSpanContext?.spanId).toBe(run?.spanContext().spanId);
      expect(step.spanContext().traceId).toBe(run?.spanContext().traceId);
    }
    expect(events[0]).toMatchObject({
      traceId: run?.spanContext().traceId,
      spanId: run?.spanContext().spanId,
    });
    expect(events[1]?.spanId).toBe(steps[0]?.spanContext().spanId);
  });

  it('parents a nested chain under the step that runs it, and hands steps their span context', async () => {
    const otel = createTestTelemetry();
    const { telemetry } = otel;
    let stepSpanId: string | undefined;
    const inner = createChain(
      [
        (n: number, ctx: StepContext) => {
          stepSpanId = trace.getSpan(ctx.options.traceContext!)?.spanContext().spanId;
          return n;
        },
      ],
      { name: 'inner', telemetry },
    );
    await createChain([inner], { name: 'outer', telemetry }).invoke(1);
    const byName = new Map(otel.spans().map((span) => [span.name, span]));
    const parentOf = (name: string) => byName.get(name)?.parentSpanContext?.spanId;
    const idOf = (name: string) => byName.get(name)?.spanContext().spanId;
    expect(parentOf('step inner')).toBe(idOf('chain outer'));
    expect(parentOf('chain inner')).toBe(idOf('step inner'));
    expect(parentOf('step step-0')).toBe(idOf('chain inner'));
    expect(stepSpanId).toBe(idOf('step step-0'));
  });

  it('records errors on the step and run spans', async () => {
    const otel = createTestTelemetry();
    const chain = createChain([() => Promise.reject(new Error('bad'))], {
      name: 'c',
      telemetry: otel.telemetry,
    });
    await chain.invoke(1).catch(() => undefined);
    const [step, run] = otel.spans();
    for (const span of [step, run]) {
      expect(span?.status.code).toBe(SpanStatusCode.ERROR);
      expect(span?.attributes['beluga.error.code']).toBe('EXECUTION_FAILED');
    }
    expect(run?.attributes['beluga.run.status']).toBe('failed');
  });

  it('counts executions, errors, durations and active runs with kind chain', async () => {
    const otel = createTestTelemetry();
    const telemetry = otel.telemetry;
    await createChain([(n: number) => n], { name: 'ok', telemetry }).batch([1, 2]);
    await createChain([() => Promise.reject(new Error('x'))], { name: 'bad', telemetry })
      .invoke(1)
      .catch(() => undefined);
    const executions = 'beluga.orchestration.executions';
    expect(await otel.sum(executions, { kind: 'chain', status: 'succeeded' })).toBe(2);
    expect(await otel.sum(executions, { kind: 'chain', status: 'failed', chain: 'bad' })).toBe(1);
    expect(
      await otel.sum('beluga.orchestration.errors', { kind: 'chain', code: 'EXECUTION_FAILED' }),
    ).toBe(1);
    expect(await otel.sum('beluga.orchestration.duration', { kind: 'chain' })).toBe(3);
    expect(await otel.sum('beluga.orchestration.active', { kind: 'chain' })).toBe(0);
  });

  it('counts an active run while it runs', async () => {
    const otel = createTestTelemetry();
    let release = () => undefined as void;
    const chain = createChain([() => new Promise<void>((resolve) => (release = resolve))], {
      telemetry: otel.telemetry,
    });
    const running = chain.invoke(1);
    expect(await otel.sum('beluga.orchestration.active', { kind: 'chain' })).toBe(1);
    release();
    await running;
    expect(await otel.sum('beluga.orchestration.active', { kind: 'chain' })).toBe(0);
  });
});
