import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { api, errorInfo } from '../../lib/trpc';
import { usePublishGraphAccess } from '../workspaces/graphAccess';
import { CatalogContext } from './catalog/CatalogContext';
import { useCatalog } from './catalog/useCatalog';
import { EditorWorkspace } from './EditorWorkspace';
import { useEditorStore } from './editorStore';

export interface EditorPageProps {
  graphId: string;
  runId?: string;
}

/** Opens a graph: loads it into the editor store, then shows the workspace. */
export function EditorPage({ graphId }: EditorPageProps) {
  const graph = useQuery({
    queryKey: ['graph', graphId],
    queryFn: () => api.graphs.get.query({ id: graphId }),
  });
  const catalog = useCatalog();
  const loadedId = useEditorStore((state) => state.graphId);
  const hasDocument = useEditorStore((state) => state.document !== undefined);
  const { load } = useEditorStore.getState();
  const data = graph.data;
  usePublishGraphAccess(data);
  useEffect(() => {
    // Load once per graph: a refetch must not throw away unsaved edits.
    if (data && useEditorStore.getState().graphId !== data.id) {
      load({ id: data.id, version: data.version, document: data.document });
    }
  }, [data, load]);
  useEffect(() => () => useEditorStore.setState({ graphId: undefined, document: undefined }), []);

  // A failed refetch (the session ended, the network dropped) keeps what is open on screen.
  const error = (data ? undefined : graph.error) ?? (catalog.data ? undefined : catalog.error);
  if (error) {
    return (
      <div
        role="alert"
        className="m-6 rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
      >
        <p className="font-medium">This graph could not be opened.</p>
        <p className="mt-1">{errorInfo(error).message}</p>
      </div>
    );
  }
  if (!data || catalog.isPending || loadedId !== graphId || !hasDocument) {
    return <p className="p-6 text-sm text-slate-500">Loading…</p>;
  }
  return (
    <CatalogContext.Provider value={catalog.catalog}>
      <ReactFlowProvider>
        <EditorWorkspace types={catalog.types} />
      </ReactFlowProvider>
    </CatalogContext.Provider>
  );
}
