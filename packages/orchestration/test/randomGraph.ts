import fc from 'fast-check';
import type { PlanSpec } from '../src/scheduler/index.js';

/** A random DAG: edges only go from lower to higher index; some nodes branch, some join "any". */
export interface RandomGraph {
  spec: PlanSpec;
  /** For branch nodes, which of their ports ('a', 'b') deliver, per node index. */
  outcomes: ('a' | 'b' | 'both' | 'none')[];
}

export const randomGraph = (maxNodes = 25): fc.Arbitrary<RandomGraph> =>
  fc.integer({ min: 1, max: maxNodes }).chain((size) =>
    fc
      .record({
        branch: fc.array(fc.boolean(), { minLength: size, maxLength: size }),
        joinAny: fc.array(fc.boolean(), { minLength: size, maxLength: size }),
        outcomes: fc.array(
          fc.constantFrom('a' as const, 'b' as const, 'both' as const, 'none' as const),
          {
            minLength: size,
            maxLength: size,
          },
        ),
        parents: fc.array(fc.array(fc.nat(), { maxLength: 3 }), {
          minLength: size,
          maxLength: size,
        }),
        ports: fc.array(fc.array(fc.constantFrom('a', 'b'), { minLength: 3, maxLength: 3 }), {
          minLength: size,
          maxLength: size,
        }),
      })
      .map(({ branch, joinAny, outcomes, parents, ports }) => {
        const nodes = Array.from({ length: size }, (_, i) => ({
          id: `n${i}`,
          ...(branch[i] ? { outputs: ['a', 'b'] } : {}),
          join: joinAny[i] ? ('any' as const) : ('all' as const),
        }));
        const edges = parents.flatMap((list, target) =>
          target === 0
            ? []
            : [...new Set(list.map((p) => p % target))].map((source, k) => ({
                source: `n${source}`,
                target: `n${target}`,
                sourcePort: branch[source] ? (ports[target]?.[k] ?? 'a') : 'out',
              })),
        );
        return { spec: { nodes, edges }, outcomes };
      }),
  );

/** What a branch node returns for its outcome. */
export function branchResult(
  outcome: RandomGraph['outcomes'][number],
  value: unknown,
): Record<string, unknown> {
  if (outcome === 'both') return { a: value, b: value };
  if (outcome === 'none') return {};
  return { [outcome]: value };
}

/**
 * The reference model: evaluates the graph in index order (a topological order) and says which
 * nodes run. A node runs when its inputs all arrive ("all") or when at least one does ("any").
 */
export function expectedRuns(graph: RandomGraph): boolean[] {
  const { nodes, edges } = graph.spec;
  const runs: boolean[] = [];
  const index = (id: string) => Number(id.slice(1));
  nodes.forEach((node, i) => {
    const incoming = edges.filter((e) => index(e.target) === i);
    if (incoming.length === 0) {
      runs.push(true);
      return;
    }
    const delivered = incoming.map((e) => {
      const source = index(e.source);
      if (!runs[source]) return false;
      if (!nodes[source]?.outputs) return true;
      const outcome = graph.outcomes[source];
      return outcome === 'both' || outcome === e.sourcePort;
    });
    runs.push(node.join === 'any' ? delivered.some(Boolean) : delivered.every(Boolean));
  });
  return runs;
}
