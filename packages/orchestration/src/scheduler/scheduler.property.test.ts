import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { branchResult, expectedRuns, randomGraph } from '../../test/randomGraph.js';
import { compilePlan } from './plan.js';
import { NodeState, Scheduler } from './scheduler.js';

describe('Scheduler properties on random DAGs with random branch outcomes', () => {
  it('runs each node at most once, never before its inputs, skips exactly what the model says, and ends', () => {
    fc.assert(
      fc.property(randomGraph(), fc.array(fc.nat()), (graph, picks) => {
        const plan = compilePlan(graph.spec);
        const scheduler = new Scheduler(plan);
        const ran = new Uint8Array(plan.size);
        const resolved = new Uint8Array(plan.size);
        scheduler.start();
        let step = 0;
        while (scheduler.ready.length > 0) {
          // Completions arrive in an arbitrary order, as they would from concurrent workers.
          const pick = (picks[step++ % Math.max(1, picks.length)] ?? 0) % scheduler.ready.length;
          const [n] = scheduler.ready.splice(pick, 1) as [number];
          expect(ran[n]).toBe(0);
          ran[n] = 1;
          for (let i = plan.inStart[n] as number; i < (plan.inStart[n + 1] as number); i++) {
            expect(resolved[plan.edgeSource[plan.inEdges[i] as number] as number]).toBe(1);
          }
          const node = graph.spec.nodes[n];
          scheduler.succeed(n, node?.outputs ? branchResult(graph.outcomes[n] ?? 'none', n) : n);
          resolved[n] = 1;
          for (const s of scheduler.skipped) resolved[s] = 1;
          scheduler.skipped.length = 0;
        }
        expect(scheduler.done).toBe(true);
        const expected = expectedRuns(graph);
        expect([...ran].map(Boolean)).toEqual(expected);
        expected.forEach((runs, n) => {
          expect(scheduler.stateOf(n)).toBe(runs ? NodeState.Succeeded : NodeState.Skipped);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('makes the same decisions for the same completions (deterministic replay)', () => {
    fc.assert(
      fc.property(randomGraph(), (graph) => {
        const trace = () => {
          const scheduler = new Scheduler(compilePlan(graph.spec));
          const log: string[] = [];
          scheduler.start();
          while (scheduler.ready.length > 0) {
            const n = scheduler.ready.pop() as number;
            const node = graph.spec.nodes[n];
            scheduler.succeed(n, node?.outputs ? branchResult(graph.outcomes[n] ?? 'none', n) : n);
            log.push(`${n}:${scheduler.ready.join(',')}|${scheduler.skipped.join(',')}`);
            scheduler.skipped.length = 0;
          }
          return log;
        };
        expect(trace()).toEqual(trace());
      }),
      { numRuns: 200 },
    );
  });
});
