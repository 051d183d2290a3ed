import { GraphDocumentSchema } from '@beluga/graph';
import type { RunEvent } from '@beluga/orchestration';
import { describe, expect, it } from 'vitest';
import { foldRunEvents } from './runState.js';

const document = GraphDocumentSchema.parse({
  format: 'beluga.graph/v1',
  id: 'g',
  name: 'Route',
  nodes: [
    { id: 'in', type: 'input', position: { x: 0, y: 0 } },
    { id: 'check', type: 'branch', position: { x: 0, y: 0 }, config: { condition: 'ok' } },
    { id: 'yes', type: 'transform', position: { x: 0, y: 0 }, config: { expression: '$' } },
    { id: 'no', type: 'transform', position: { x: 0, y: 0 }, config: { expression: '$' } },
  ],
  edges: [
    { id: 'a', source: 'in', target: 'check' },
    { id: 'b', source: 'check', sourcePort: 'true', target: 'yes' },
    { id: 'c', source: 'check', sourcePort: 'false', target: 'no' },
  ],
});

let seq = 0;
function event(type: RunEvent['type'], nodeId: string, fields: Partial<RunEvent> = {}): RunEvent {
  seq += 1;
  return { type, runId: 'r', seq, ts: 1000 + seq, nodeId, attempt: 1, ...fields };
}

describe('foldRunEvents', () => {
  it('gives each node its latest state, attempts, output and the input its edges delivered', () => {
    const events = [
      event('node.started', 'in'),
      event('node.succeeded', 'in', { durationMs: 1, data: { ok: true } }),
      event('node.started', 'check'),
      event('node.succeeded', 'check', { data: { true: { ok: true } } }),
      event('node.skipped', 'no'),
      event('node.started', 'yes'),
      event('node.progress', 'yes', { data: { token: 'a' } }),
      event('node.retrying', 'yes', {
        error: { code: 'EXECUTION_FAILED', message: 'flaky', retryable: true },
        delayMs: 5,
      }),
      event('node.started', 'yes', { attempt: 2 }),
      event('node.succeeded', 'yes', { attempt: 2, durationMs: 3, data: { ok: true } }),
    ];
    const nodes = Object.fromEntries(
      foldRunEvents(document, events).map((node) => [node.nodeId, node]),
    );
    expect(nodes.in).toMatchObject({ status: 'succeeded', output: { ok: true }, attempt: 1 });
    expect(nodes.check).toMatchObject({ status: 'succeeded', input: { ok: true } });
    // A branch's output is keyed by port: each edge carries its own port's value.
    expect(nodes.yes).toMatchObject({
      status: 'succeeded',
      attempt: 2,
      input: { ok: true },
      output: { ok: true },
      progress: [{ token: 'a' }],
      error: { code: 'EXECUTION_FAILED' },
    });
    expect(nodes.no).toMatchObject({ status: 'skipped' });
    expect(nodes.no?.input).toBeUndefined();
  });

  it('leaves nodes without events pending', () => {
    expect(foldRunEvents(document, []).map((node) => node.status)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
  });
});
