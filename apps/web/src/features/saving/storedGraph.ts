import type { RouterOutputs } from '@beluga/api';
import type { QueryClient } from '@tanstack/react-query';
import { useEditorStore } from '../editor/editorStore';

/** A graph as the API returns it (dates as ISO text). */
export type StoredGraph = RouterOutputs['graphs']['get'];

/** The graph the server holds now, as a CONFLICT error carries it in `details.current`. */
export function conflictCurrent(
  details: Record<string, unknown> | undefined,
): StoredGraph | undefined {
  const current = details?.current as Partial<StoredGraph> | undefined;
  return current && typeof current.version === 'number' && current.document
    ? (current as StoredGraph)
    : undefined;
}

/** Makes a stored graph the one being edited (unsaved edits are dropped) and refreshes caches. */
export async function openStored(queryClient: QueryClient, graph: StoredGraph): Promise<void> {
  useEditorStore.getState().load({
    id: graph.id,
    version: graph.version,
    document: graph.document,
  });
  queryClient.setQueryData(['graph', graph.id], graph);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ['graphs'] }),
    queryClient.invalidateQueries({ queryKey: ['versions', graph.id] }),
  ]);
}
