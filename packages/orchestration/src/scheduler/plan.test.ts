import { describe, expect, it } from 'vitest';
import { isOrchestratorError } from '../errors.js';
import { compilePlan, tryCompilePlan, type PlanProblem } from './plan.js';

const nodes = (...ids: string[]) => ids.map((id) => ({ id }));
const edge = (source: string, target: string) => ({ source, target });

function problemsOf(spec: Parameters<typeof tryCompilePlan>[0]): PlanProblem[] {
  return tryCompilePlan(spec).problems;
}

describe('compilePlan', () => {
  it('orders nodes topologically and finds default entries and finishes', () => {
    const plan = compilePlan({
      nodes: nodes('c', 'a', 'b'),
      edges: [edge('a', 'b'), edge('b', 'c')],
    });
    expect([...plan.order].map((n) => plan.ids[n])).toEqual(['a', 'b', 'c']);
    expect([...plan.entries].map((n) => plan.ids[n])).toEqual(['a']);
    expect([...plan.finishes].map((n) => plan.ids[n])).toEqual(['c']);
  });

  it('reports a cycle with its path', () => {
    const problems = problemsOf({
      nodes: nodes('start', 'a', 'b', 'c'),
      edges: [edge('start', 'a'), edge('a', 'b'), edge('b', 'c'), edge('c', 'a')],
    });
    expect(problems).toHaveLength(1);
    const [cycle] = problems;
    expect(cycle?.code).toBe('CYCLE');
    expect(cycle?.path).toHaveLength(4);
    expect(cycle?.path?.[0]).toBe(cycle?.path?.[3]);
    expect(new Set(cycle?.path)).toEqual(new Set(['a', 'b', 'c']));
    expect(cycle?.message).toMatch(/cycle: (a|b|c) → (a|b|c) → (a|b|c) → (a|b|c)/);
  });

  it('reports a self-loop as a cycle', () => {
    const [problem] = problemsOf({
      nodes: nodes('s', 'a'),
      edges: [edge('s', 'a'), edge('a', 'a')],
    });
    expect(problem).toMatchObject({ code: 'CYCLE', path: ['a', 'a'] });
  });

  it('reports every unknown node, duplicate and port at once', () => {
    const dup = problemsOf({ nodes: nodes('a', 'a'), edges: [] });
    expect(dup.map((p) => p.code)).toEqual(['DUPLICATE_NODE']);
    const problems = problemsOf({
      nodes: [{ id: 'a' }, { id: 'b', inputs: ['left', 'right'] }],
      edges: [
        edge('a', 'ghost'),
        edge('phantom', 'b'),
        { source: 'a', target: 'b', targetPort: 'middle' },
      ],
    });
    expect(problems.map((p) => [p.code, p.nodeId])).toEqual([
      ['UNKNOWN_NODE', 'ghost'],
      ['UNKNOWN_NODE', 'phantom'],
      ['UNKNOWN_PORT', 'b'],
    ]);
    expect(problems[2]?.message).toContain('no input port "middle" (ports: left, right)');
  });

  it('checks output ports, including the error port of continue-on-error nodes', () => {
    expect(
      problemsOf({
        nodes: nodes('a', 'b'),
        edges: [{ source: 'a', target: 'b', sourcePort: 'error' }],
      })[0]?.code,
    ).toBe('UNKNOWN_PORT');
    expect(
      problemsOf({
        nodes: [{ id: 'a', continueOnError: true }, { id: 'b' }],
        edges: [{ source: 'a', target: 'b', sourcePort: 'error' }],
      }),
    ).toEqual([]);
  });

  it('rejects an empty graph, unknown entry points and entries with inputs', () => {
    expect(problemsOf({ nodes: [], edges: [] })[0]?.code).toBe('EMPTY_GRAPH');
    expect(problemsOf({ nodes: nodes('a'), edges: [], entryPoints: ['x'] })[0]).toMatchObject({
      code: 'UNKNOWN_NODE',
      nodeId: 'x',
    });
    const problems = problemsOf({
      nodes: nodes('a', 'b'),
      edges: [edge('a', 'b')],
      entryPoints: ['b'],
    });
    expect(problems.map((p) => p.code)).toContain('ENTRY_HAS_INPUTS');
  });

  it('reports no entry and unreachable nodes and finish points', () => {
    expect(problemsOf({ nodes: nodes('a'), edges: [], entryPoints: [] })[0]?.code).toBe('NO_ENTRY');
    const problems = problemsOf({
      nodes: nodes('a', 'b', 'lonely', 'end'),
      edges: [edge('a', 'b'), edge('lonely', 'end')],
      entryPoints: ['a'],
      finishPoints: ['b', 'end'],
    });
    expect(problems.map((p) => [p.code, p.nodeId])).toEqual([
      ['UNREACHABLE_NODE', 'lonely'],
      ['UNREACHABLE_FINISH', 'end'],
    ]);
  });

  it('throws VALIDATION_FAILED with every problem in details', () => {
    try {
      compilePlan({ nodes: nodes('a', 'a', 'b'), edges: [edge('b', 'zzz')] });
      expect.unreachable();
    } catch (error) {
      expect(isOrchestratorError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', op: 'graph.compile' });
      expect((error as { details: { problems: unknown[] } }).details.problems).toHaveLength(2);
      expect((error as Error).message).toMatch(/Duplicate node id "a" \(and 1 more problems\)/);
    }
  });

  it('counts edges sharing a port (fan-in)', () => {
    const plan = compilePlan({
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'j', inputs: ['in', 'extra'] }],
      edges: [edge('a', 'j'), edge('b', 'j'), { source: 'a', target: 'j', targetPort: 'extra' }],
      entryPoints: ['a', 'b'],
    });
    expect([...plan.edgeFanIn]).toEqual([2, 2, 1]);
  });

  it('compiles a 100,000-node chain without recursion', () => {
    const size = 100_000;
    const spec = {
      nodes: Array.from({ length: size }, (_, i) => ({ id: `n${i}` })),
      edges: Array.from({ length: size - 1 }, (_, i) => edge(`n${i}`, `n${i + 1}`)),
    };
    expect(compilePlan(spec).order.length).toBe(size);
    spec.edges.push(edge(`n${size - 1}`, 'n0'));
    expect(problemsOf(spec)[0]?.path).toHaveLength(size + 1);
  });
});
