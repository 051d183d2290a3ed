import { setMaxListeners } from 'node:events';
import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import { nodeId, outputsOf, type Contender } from '../contender.js';
import type { Shape } from '../shapes.js';
import { nodeValue, RUN_INPUT } from '../workload.js';

/**
 * Node values live in one reducer channel. The reducer merges in place: the cheapest correct
 * reducer (the idiomatic `{ ...left, ...right }` would copy the whole map on every write and make
 * LangGraph look quadratically worse than it is).
 */
const State = Annotation.Root({
  input: Annotation<number>,
  values: Annotation<Record<string, number>>({
    reducer: (left, right) => Object.assign(left, right),
    default: () => ({}),
  }),
});

type NodeState = typeof State.State;
type NodeUpdate = typeof State.Update;

/**
 * A StateGraph with node ids known only at run time: LangGraph's builder types accumulate node
 * names as literal types, which a loop cannot express, so the bench sees it through this view.
 */
interface DynamicBuilder {
  addNode(id: string, action: (state: NodeState) => NodeUpdate): DynamicBuilder;
  addEdge(from: string | string[], to: string): DynamicBuilder;
  compile(): { invoke(input: NodeUpdate, config: { recursionLimit: number }): Promise<NodeState> };
}

/** LangGraph.js StateGraph: one node per shape node; fan-in through `addEdge([parents], child)`. */
export const langGraph: Contender = {
  name: 'LangGraph.js StateGraph',
  slow: true,
  skip: (shape) => (shape.size > 20_000 ? 'skipped: quadratic' : undefined),
  prepare(shape) {
    // LangGraph adds an abort listener per parallel task to one signal; Node warns past 10 each
    // time. Raising the default for new EventTargets silences that noise, nothing else.
    setMaxListeners(0);
    const builder = new StateGraph(State) as unknown as DynamicBuilder;
    for (let n = 0; n < shape.size; n++) builder.addNode(nodeId(n), nodeAction(shape, n));
    for (let n = 0; n < shape.size; n++) {
      const parents = shape.parents[n]!.map(nodeId);
      // A multi-source edge waits for every source: the node runs once, after all its parents.
      if (parents.length === 0) builder.addEdge(START, nodeId(n));
      else builder.addEdge(parents.length === 1 ? parents[0]! : parents, nodeId(n));
    }
    for (const n of shape.finishes) builder.addEdge(nodeId(n), END);
    const graph = builder.compile();
    // One superstep per level of the DAG; the default limit (25) would stop the chain.
    const config = { recursionLimit: shape.depth + 10 };
    return {
      async run() {
        const state = await graph.invoke({ input: RUN_INPUT }, config);
        return outputsOf(shape, (n) => state.values[nodeId(n)]!);
      },
    };
  },
};

function nodeAction(shape: Shape, node: number): (state: NodeState) => NodeUpdate {
  const id = nodeId(node);
  const parents = shape.parents[node]!.map(nodeId);
  return (state) => {
    let sum = parents.length === 0 ? state.input : 0;
    for (const parent of parents) sum += state.values[parent]!;
    return { values: { [id]: nodeValue(node, sum) } };
  };
}
