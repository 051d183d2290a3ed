import type { GraphDocument } from '@beluga/graph';
import { useEditorStore } from '../editor/editorStore';
import { useRunView } from './runStore';

type Nodes = GraphDocument['nodes'];
const labelIndexes = new WeakMap<Nodes, ReadonlyMap<string, string | undefined>>();

/**
 * Labels by node id, built once per nodes array: every timeline row reads its label on every
 * store change, and a search through 2,000 nodes per row made that quadratic.
 */
function labelOf(nodes: Nodes | undefined, nodeId: string): string | undefined {
  if (!nodes) return undefined;
  let index = labelIndexes.get(nodes);
  if (!index) {
    index = new Map(nodes.map((node) => [node.id, node.label]));
    labelIndexes.set(nodes, index);
  }
  return index.get(nodeId);
}

/** A node's label: from the graph version that ran, else the edited document, else its id. */
export function useNodeLabel(nodeId: string): string {
  const fromRun = useRunView((state) => labelOf(state.runDocument?.nodes, nodeId));
  const fromEditor = useEditorStore((state) => labelOf(state.document?.nodes, nodeId));
  return fromRun || fromEditor || nodeId;
}
