import { useEditorStore } from '../editor/editorStore';
import { useRunView } from './runStore';

/** A node's label: from the graph version that ran, else the edited document, else its id. */
export function useNodeLabel(nodeId: string): string {
  const fromRun = useRunView(
    (state) => state.runDocument?.nodes.find((node) => node.id === nodeId)?.label,
  );
  const fromEditor = useEditorStore(
    (state) => state.document?.nodes.find((node) => node.id === nodeId)?.label,
  );
  return fromRun || fromEditor || nodeId;
}
