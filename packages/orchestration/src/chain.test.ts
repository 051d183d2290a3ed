import { describe, expect, it, vi } from 'vitest';
import { createChain } from './chain.js';
import { OrchestratorError } from './errors.js';
import { BufferMemory, type Memory } from './memory.js';
import { runnable } from './runnable.js';

const double = (n: number) => n * 2;
const increment = (n: number) => n + 1;

async function rejectionOf(promise: Promise<unknown>): Promise<OrchestratorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OrchestratorError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('createChain: running steps', () => {
  it('passes each step the previous output, mixing functions and Runnables', async () => {
    const chain = createChain<number, string>([
      double,
      runnable(increment),
      (n: number) => `=${n}`,
    ]);
    await expect(chain.invoke(5)).resolves.toBe('=11');
  });

  it('awaits asynchronous steps', async () => {
    const chain = createChain([
      (s: string) => Promise.resolve(s.toUpperCase()),
      (s: string) => `${s}!`,
    ]);
    await expect(chain.invoke('hi')).resolves.toBe('HI!');
  });

  it('returns the input unchanged when it has no steps', async () => {
    await expect(createChain([]).invoke({ a: 1 })).resolves.toEqual({ a: 1 });
  });

  it('runs a chain nested as a step', async () => {
    const inner = createChain([double, double], { name: 'quadruple' });
    const outer = createChain<number, number>([increment, inner]);
    expect(outer.stepIds).toEqual(['increment', 'quadruple']);
    await expect(outer.invoke(1)).resolves.toBe(8);
  });

  it('gives steps their own signal and the call metadata', async () => {
    const step = vi.fn(
      (_input: unknown, ctx: { signal: AbortSignal; options: { metadata?: unknown } }) => {
        expect(ctx.signal).toBeInstanceOf(AbortSignal);
        expect(ctx.signal.aborted).toBe(false);
        return ctx.options.metadata;
      },
    );
    const chain = createChain([step]);
    await expect(chain.invoke(1, { metadata: { user: 'ada' } })).resolves.toEqual({ user: 'ada' });
  });

  it('names steps by their unique names, else step-<index>', () => {
    const a = Object.assign(runnable(double), { name: 'a' });
    const chain = createChain([a, double, increment, double, (x: unknown) => x]);
    expect(chain.stepIds).toEqual(['a', 'step-1', 'increment', 'step-3', 'step-4']);
  });

  it('exposes its resolved options', () => {
    const memory = new BufferMemory();
    const chain = createChain([], { name: 'qa', description: 'answers', memory, inputKeys: ['q'] });
    expect(chain).toMatchObject({
      name: 'qa',
      description: 'answers',
      memory,
      inputKeys: ['q'],
      outputKeys: [],
    });
  });
});

describe('createChain: configuration errors', () => {
  it.each([
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ name: '' }, 'name'],
    [{ retries: -1 }, 'retries'],
    [{ retries: { jitter: 3 } }, 'retries.jitter'],
    [{ inputKeys: ['a', ''] }, 'inputKeys.1'],
    [{ memory: { clear() {} } }, 'memory'],
    [{ timeout: 5 }, 'timeout'],
  ])('rejects %j with INVALID_CONFIG naming %s', (options, field) => {
    expect(() => createChain([], options as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field }),
    );
  });

  it('rejects a step that is neither a Runnable nor a function, naming its index', () => {
    expect(() => createChain([double, { invoke: double } as never])).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field: 'steps.1' }),
    );
  });
});

describe('createChain: failures', () => {
  it('wraps a step error as EXECUTION_FAILED naming the step, keeping the original as cause', async () => {
    const boom = new Error('boom');
    const chain = createChain(
      [
        double,
        function parse() {
          throw boom;
        },
      ],
      { name: 'c' },
    );
    const error = await rejectionOf(chain.invoke(1));
    expect(error).toMatchObject({
      code: 'EXECUTION_FAILED',
      op: 'chain.step[1]:parse',
      cause: boom,
    });
    expect(error.message).toContain('boom');
    expect(error.details).toEqual({ chain: 'c', stepIndex: 1, nodeId: 'parse' });
  });

  it('wraps a non-Error throw', async () => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case under test
    const chain = createChain([() => Promise.reject({ status: 503 })]);
    const error = await rejectionOf(chain.invoke(1));
    expect(error.code).toBe('EXECUTION_FAILED');
    expect(error.op).toBe('chain.step[0]:step-0');
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).cause).toEqual({ status: 503 });
  });

  it("keeps an OrchestratorError's own code", async () => {
    const missing = new OrchestratorError({ code: 'NOT_FOUND', op: 'lookup', message: 'no user' });
    const chain = createChain([() => Promise.reject(missing)]);
    await expect(chain.invoke(1)).rejects.toMatchObject({ code: 'NOT_FOUND', cause: missing });
  });

  it('stops at the failing step', async () => {
    const after = vi.fn();
    const chain = createChain([() => Promise.reject(new Error('x')), after]);
    await expect(chain.invoke(1)).rejects.toThrow();
    expect(after).not.toHaveBeenCalled();
  });

  it('rejects rather than throws on unusable run options', async () => {
    const result = createChain([double]).invoke(1, { signal: {} as AbortSignal });
    await expect(result).rejects.toBeInstanceOf(Error);
  });
});

describe('createChain: retries', () => {
  const fast = { initialDelayMs: 1, maxDelayMs: 1 };

  it('retries a retryable failure and succeeds', async () => {
    const flaky = vi
      .fn()
      .mockRejectedValueOnce(new Error('a'))
      .mockRejectedValueOnce(new Error('b'));
    flaky.mockResolvedValue('ok');
    const chain = createChain([flaky], { retries: { maxAttempts: 3, ...fast } });
    await expect(chain.invoke(1)).resolves.toBe('ok');
    expect(flaky).toHaveBeenCalledTimes(3);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const failing = vi.fn().mockRejectedValue(new Error('down'));
    const chain = createChain([failing], { retries: { maxAttempts: 2, ...fast } });
    await expect(chain.invoke(1)).rejects.toMatchObject({
      code: 'EXECUTION_FAILED',
      message: /down/,
    });
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it('does not retry errors that are not retryable', async () => {
    const invalid = new OrchestratorError({ code: 'VALIDATION_FAILED', op: 'x', message: 'bad' });
    const cases = [invalid, Object.assign(new Error('permanent'), { retryable: false })];
    for (const thrown of cases) {
      const step = vi.fn().mockRejectedValue(thrown);
      await expect(createChain([step], { retries: 5 }).invoke(1)).rejects.toThrow();
      expect(step).toHaveBeenCalledTimes(1);
    }
  });

  it('retries each step independently, with the same input', async () => {
    const seen: number[] = [];
    let failures = 1;
    const second = (n: number) => {
      seen.push(n);
      if (failures-- > 0) throw new Error('once');
      return n;
    };
    const chain = createChain([double, second], { retries: { maxAttempts: 2, ...fast } });
    await expect(chain.invoke(2)).resolves.toBe(4);
    expect(seen).toEqual([4, 4]);
  });
});

describe('createChain: input and output keys', () => {
  it('requires the input keys, naming the missing one, before any step runs', async () => {
    const step = vi.fn();
    const chain = createChain([step], { inputKeys: ['question', 'lang'] });
    const error = await rejectionOf(chain.invoke({ question: 'why?' }));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'lang' });
    expect(error.message).toContain('"lang"');
    expect(step).not.toHaveBeenCalled();
  });

  it('requires an object input when it has input keys, accepting a string for a single key', async () => {
    const chain = createChain([(input: unknown) => input], { inputKeys: ['a', 'b'] });
    await expect(chain.invoke(42)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const single = createChain([(input: unknown) => input], { inputKeys: ['q'] });
    await expect(single.invoke('why?')).resolves.toEqual({ q: 'why?' });
  });

  it('picks the output keys from the last output', async () => {
    const chain = createChain([() => ({ answer: 42, debug: 'x' })], { outputKeys: ['answer'] });
    await expect(chain.invoke(null)).resolves.toEqual({ answer: 42 });
  });

  it('fails with VALIDATION_FAILED when an output key is missing or the output is not an object', async () => {
    const missing = createChain([() => ({ answer: 1 })], { outputKeys: ['answer', 'sources'] });
    await expect(missing.invoke(null)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'sources',
    });
    const scalar = createChain([() => 'text'], { outputKeys: ['answer'] });
    await expect(scalar.invoke(null)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'answer',
    });
  });
});

describe('createChain: memory', () => {
  it('merges memory variables into the input and saves the exchange after success', async () => {
    const memory = new BufferMemory();
    const seen: unknown[] = [];
    const reply = (input: { input: string; history: string }) => {
      seen.push(input);
      return { output: `echo ${input.input}` };
    };
    const chain = createChain([reply], { memory });
    await chain.invoke({ input: 'one' });
    await chain.invoke('two');
    expect(seen).toEqual([
      { input: 'one', history: '' },
      { input: 'two', history: 'Human: one\nAI: echo one' },
    ]);
    expect(memory.messages).toHaveLength(4);
  });

  it("lets the caller's values win over memory variables", async () => {
    const memory = new BufferMemory({ memoryKey: 'history' });
    const chain = createChain([(input: unknown) => input], { memory });
    await expect(chain.invoke({ input: 'x', history: 'mine' })).resolves.toMatchObject({
      history: 'mine',
    });
  });

  it('saves a non-object output under the output key', async () => {
    const memory = new BufferMemory({ returnMessages: true });
    const chain = createChain([() => 'hello'], { memory, outputKeys: [] });
    await chain.invoke('hi');
    expect(memory.messages).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
    ]);
  });

  it('works with an asynchronous memory and saves nothing when a step fails', async () => {
    const saveContext = vi.fn(() => Promise.resolve());
    const memory: Memory = {
      memoryVariables: () => ['facts'],
      loadMemoryVariables: () => Promise.resolve({ facts: ['sky is blue'] }),
      saveContext,
      clear: () => Promise.resolve(),
    };
    const ok = createChain([(input: { facts: string[] }) => input.facts.length], { memory });
    await expect(ok.invoke({ input: 'q' })).resolves.toBe(1);
    expect(saveContext).toHaveBeenCalledWith({ input: 'q' }, { output: 1 });
    const failing = createChain([() => Promise.reject(new Error('x'))], { memory });
    await expect(failing.invoke({ input: 'q' })).rejects.toThrow();
    expect(saveContext).toHaveBeenCalledTimes(1);
  });

  it('reports memory failures as EXECUTION_FAILED of the memory operation', async () => {
    const memory: Memory = {
      memoryVariables: () => [],
      loadMemoryVariables: () => {
        throw new Error('store offline');
      },
      saveContext: () => undefined,
      clear: () => undefined,
    };
    const chain = createChain([double], { memory });
    await expect(chain.invoke({ input: 1 })).rejects.toMatchObject({
      code: 'EXECUTION_FAILED',
      op: 'chain.memory.loadMemoryVariables',
      message: /store offline/,
    });
  });

  it('refuses inputs memory cannot merge into', async () => {
    const chain = createChain([double], { memory: new BufferMemory() });
    await expect(chain.invoke(3)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('createChain: batch', () => {
  it('keeps the order of the inputs and honours maxConcurrency', async () => {
    let running = 0;
    let peak = 0;
    const slow = async (n: number) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5 - n));
      running--;
      return n * 10;
    };
    const chain = createChain<number, number>([slow]);
    await expect(chain.batch([1, 2, 3, 4], { maxConcurrency: 2 })).resolves.toEqual([
      10, 20, 30, 40,
    ]);
    expect(peak).toBe(2);
  });
});
