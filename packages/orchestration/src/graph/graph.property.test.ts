import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { branchResult, expectedRuns, randomGraph } from '../../test/randomGraph.js';
import type { RunEvent } from '../events.js';
import { createGraph } from './graph.js';

/** Settles after `hops` turns of the event loop, mixing microtasks and macrotasks. */
async function delay(hops: number): Promise<void> {
  for (let i = 0; i < hops; i++) {
    await (i % 2 === 0 ? Promise.resolve() : new Promise((resolve) => setImmediate(resolve)));
  }
}

describe('Graph executor properties on random DAGs', () => {
  it('never exceeds maxWorkers, runs each node at most once after its inputs, skips as the model says, and ends', async () => {
    await fc.assert(
      fc.asyncProperty(
        randomGraph(20),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 20, maxLength: 20 }),
        async (random, maxWorkers, hops) => {
          const graph = createGraph({ maxWorkers });
          let running = 0;
          let peak = 0;
          const finished = new Set<string>(); // ran or skipped
          const runs = new Map<string, number>();
          const parents = (id: string) =>
            random.spec.edges.filter((e) => e.target === id).map((e) => e.source);
          random.spec.nodes.forEach((node, i) => {
            graph.addNode(
              node.id,
              async () => {
                running++;
                peak = Math.max(peak, running);
                runs.set(node.id, (runs.get(node.id) ?? 0) + 1);
                for (const parent of parents(node.id)) expect(finished.has(parent)).toBe(true);
                await delay(hops[i] ?? 0);
                running--;
                finished.add(node.id);
                return node.outputs ? branchResult(random.outcomes[i] ?? 'none', i) : i;
              },
              { ...(node.outputs ? { outputs: [...node.outputs] } : {}), join: node.join ?? 'all' },
            );
          });
          for (const edge of random.spec.edges)
            graph.addEdge(edge.source, edge.target, { sourcePort: edge.sourcePort ?? 'out' });
          const events: RunEvent[] = [];
          await graph.invoke(null, {
            onEvent: (event) => {
              events.push(event);
              if (event.type === 'node.skipped') finished.add(event.nodeId as string);
            },
          });
          expect(peak).toBeLessThanOrEqual(maxWorkers);
          expect([...runs.values()].every((count) => count === 1)).toBe(true);
          const expected = expectedRuns(random);
          random.spec.nodes.forEach((node, i) => expect(runs.has(node.id)).toBe(expected[i]));
          const skipped = events.filter((e) => e.type === 'node.skipped').map((e) => e.nodeId);
          expect(skipped.sort()).toEqual(
            random.spec.nodes
              .filter((_n, i) => !expected[i])
              .map((n) => n.id)
              .sort(),
          );
          expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => i + 1));
          expect(events.at(-1)?.type).toBe('run.succeeded');
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('Graph executor properties with failures, retries and cancellation', () => {
  it('always settles once, with the terminal event last and every node ending in one final state', async () => {
    const terminal = new Set(['run.succeeded', 'run.failed', 'run.cancelled']);
    const final = new Set(['node.succeeded', 'node.failed', 'node.skipped', 'node.cancelled']);
    await fc.assert(
      fc.asyncProperty(
        randomGraph(15),
        fc.array(fc.constantFrom('ok', 'ok', 'throw', 'flaky', 'recover'), {
          minLength: 15,
          maxLength: 15,
        }),
        fc.option(fc.integer({ min: 0, max: 40 })),
        async (random, behaviours, cancelAt) => {
          const controller = new AbortController();
          const graph = createGraph({ maxWorkers: 3 });
          random.spec.nodes.forEach((node, i) => {
            const behaviour = behaviours[i] ?? 'ok';
            graph.addNode(
              node.id,
              async (_x, ctx) => {
                await delay(i % 3);
                if (behaviour === 'throw' || behaviour === 'recover')
                  throw new Error(`${node.id} broke`);
                if (behaviour === 'flaky' && ctx.attempt === 1) throw new Error('transient');
                return node.outputs ? branchResult(random.outcomes[i] ?? 'none', i) : i;
              },
              {
                ...(node.outputs ? { outputs: [...node.outputs] } : {}),
                join: node.join ?? 'all',
                retries: { maxAttempts: 2, initialDelayMs: 0, jitter: 0 },
                continueOnError: behaviour === 'recover',
              },
            );
          });
          for (const edge of random.spec.edges)
            graph.addEdge(edge.source, edge.target, { sourcePort: edge.sourcePort ?? 'out' });
          const events: RunEvent[] = [];
          const settled = await graph
            .invoke(null, {
              signal: controller.signal,
              onEvent: (event) => {
                events.push(event);
                if (cancelAt !== null && events.length === cancelAt) controller.abort();
              },
            })
            .then(
              () => 'resolved',
              () => 'rejected',
            );
          await delay(4); // let any late settlement show itself
          const terminals = events.filter((e) => terminal.has(e.type));
          expect(terminals).toHaveLength(1);
          expect(events.at(-1)).toBe(terminals[0]);
          expect(settled).toBe(terminals[0]?.type === 'run.succeeded' ? 'resolved' : 'rejected');
          expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => i + 1));
          const finals = new Map<string, number>();
          for (const e of events)
            if (final.has(e.type))
              finals.set(e.nodeId as string, (finals.get(e.nodeId as string) ?? 0) + 1);
          expect([...finals.values()].every((count) => count === 1)).toBe(true);
          if (terminals[0]?.type === 'run.succeeded')
            expect(finals.size).toBe(random.spec.nodes.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
