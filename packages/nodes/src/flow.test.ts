import { compile, createCatalog, validate } from '@beluga/graph';
import type { RunEvent } from '@beluga/orchestration';
import { describe, expect, it } from 'vitest';
import { graphDocument } from '../test/documents.js';
import { branchNode } from './branch.js';
import { delayNode } from './delay.js';
import { inputNode, outputNode } from './io.js';
import { mergeNode } from './merge.js';
import { transformNode } from './transform.js';

const catalog = createCatalog([
  inputNode,
  outputNode,
  transformNode,
  branchNode,
  mergeNode,
  delayNode,
]);

function states(events: RunEvent[]): Record<string, string> {
  const byNode: Record<string, string> = {};
  for (const event of events) if (event.nodeId) byNode[event.nodeId] = event.type;
  return byNode;
}

async function run(
  document: ReturnType<typeof graphDocument>,
  input: unknown,
  signal?: AbortSignal,
) {
  const events: RunEvent[] = [];
  const output = await compile(document, catalog).invoke(input, {
    onEvent: (event) => events.push(event),
    ...(signal ? { signal } : {}),
  });
  return { output, events };
}

const routed = graphDocument(
  [
    ['in', 'input'],
    ['check', 'branch', { condition: 'amount > 100' }],
    ['big', 'transform', { expression: '{"review": true, "amount": amount}' }],
    ['small', 'transform', { expression: '{"review": false, "amount": amount}' }],
    ['join', 'merge', { mode: 'first' }],
    ['out', 'output'],
  ],
  ['in->check', 'check.true->big', 'check.false->small', 'big->join', 'small->join', 'join->out'],
);

describe('transform, branch and merge', () => {
  it('reshape data and route it down one path, skipping the other', async () => {
    const large = await run(routed, { amount: 250 });
    expect(large.output).toEqual({ review: true, amount: 250 });
    expect(states(large.events)).toMatchObject({ big: 'node.succeeded', small: 'node.skipped' });

    const small = await run(routed, { amount: 5 });
    expect(small.output).toEqual({ review: false, amount: 5 });
    expect(states(small.events)).toMatchObject({ big: 'node.skipped', small: 'node.succeeded' });
  });

  it('merge a fan-out back as an object keyed by node or as an array', async () => {
    const fan = (mode: string) =>
      graphDocument(
        [
          ['in', 'input'],
          ['double', 'transform', { expression: 'n * 2' }],
          ['square', 'transform', { expression: 'n * n' }],
          ['join', 'merge', { mode }],
          ['out', 'output'],
        ],
        ['in->double', 'in->square', 'double->join', 'square->join', 'join->out'],
      );
    expect((await run(fan('object'), { n: 7 })).output).toEqual({ double: 14, square: 49 });
    expect((await run(fan('array'), { n: 7 })).output).toEqual([14, 49]);
  });

  it('passes a falsy input through a branch instead of dropping it', async () => {
    const document = graphDocument(
      [
        ['in', 'input'],
        ['check', 'branch', { condition: '$ = 0' }],
        ['out', 'output'],
      ],
      ['in->check', 'check.true->out'],
    );
    expect((await run(document, 0)).output).toBe(0);
  });

  it('report a JSONata syntax error as a config problem before any run', () => {
    const document = graphDocument(
      [
        ['in', 'input'],
        ['shape', 'transform', { expression: '{"a": ' }],
        ['out', 'output'],
      ],
      ['in->shape', 'shape->out'],
    );
    const { problems } = validate(document, catalog);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'INVALID_CONFIG', nodeId: 'shape' });
    expect(problems[0]?.message).toContain('Invalid JSONata');
  });

  it.each([
    ['deep recursion', '($f := function($x) { 1 + $f($x + 1) }; $f(0))', /stack/i],
    ['an endless loop', '($f := function($x) { $f($x + 1) }; $f(0))', /timeout/i],
  ])('stop %s at its limits with a clear node error', async (_, expression, message) => {
    const document = graphDocument(
      [
        ['in', 'input'],
        ['spin', 'transform', { expression }],
        ['out', 'output'],
      ],
      ['in->spin', 'spin->out'],
    );
    const events: RunEvent[] = [];
    await expect(
      compile(document, catalog).invoke({}, { onEvent: (event) => events.push(event) }),
    ).rejects.toMatchObject({ code: 'RESOURCE_EXHAUSTED' });
    const failure = events.find((event) => event.type === 'node.failed');
    expect(failure).toMatchObject({ nodeId: 'spin', error: { code: 'RESOURCE_EXHAUSTED' } });
    expect(failure?.error?.message).toMatch(message);
  });

  it('give expressions no way to reach the host', async () => {
    const document = graphDocument(
      [
        ['in', 'input'],
        [
          'probe',
          'transform',
          { expression: '[$exists($process), $exists($require), $eval("1+1")]' },
        ],
        ['out', 'output'],
      ],
      ['in->probe', 'probe->out'],
    );
    expect((await run(document, {})).output).toEqual([false, false, 2]);
  });
});

describe('delay', () => {
  it('passes its input on after the wait', async () => {
    const document = graphDocument(
      [
        ['in', 'input'],
        ['wait', 'delay', { ms: 5 }],
        ['out', 'output'],
      ],
      ['in->wait', 'wait->out'],
    );
    expect((await run(document, { a: 1 })).output).toEqual({ a: 1 });
  });

  it('stops waiting as soon as the run is cancelled', async () => {
    const document = graphDocument(
      [
        ['in', 'input'],
        ['wait', 'delay', { ms: 3_600_000 }],
        ['out', 'output'],
      ],
      ['in->wait', 'wait->out'],
    );
    const controller = new AbortController();
    const started = Date.now();
    const result = compile(document, catalog).invoke(
      {},
      {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'node.started' && event.nodeId === 'wait') controller.abort();
        },
      },
    );
    await expect(result).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
