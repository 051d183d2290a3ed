import type { GraphDocument } from '@beluga/graph';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from '../../components/toast';
import { navigate } from '../../lib/route';
import { api, errorInfo } from '../../lib/trpc';
import { useCurrentWorkspace } from '../workspaces/WorkspaceContext';

function failed(title: string) {
  return (error: unknown) => toast({ tone: 'error', title, description: errorInfo(error).message });
}

/** Renames a graph: its name lives in the document, so this is an update of the latest version. */
export async function renameGraph(id: string, name: string) {
  const graph = await api.graphs.get.query({ id });
  return api.graphs.update.mutate({
    id,
    baseVersion: graph.version,
    document: { ...graph.document, name },
    message: `Renamed to "${name}"`,
  });
}

/**
 * The mutations of the graph list; each refreshes the list when it succeeds. New graphs,
 * imports and copies go to the current workspace.
 */
export function useGraphActions() {
  const queryClient = useQueryClient();
  const { workspaceId } = useCurrentWorkspace();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['graphs'] });
  const create = useMutation({
    mutationFn: (name: string) => api.graphs.create.mutate({ workspaceId, name }),
    onSuccess: async (graph) => {
      await refresh();
      navigate({ page: 'editor', graphId: graph.id });
    },
    onError: failed('Could not create the graph'),
  });
  const rename = useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => renameGraph(id, name),
    onSuccess: async (graph) => {
      queryClient.setQueryData(['graph', graph.id], graph);
      await refresh();
      toast({ tone: 'success', title: `Renamed to "${graph.name}"` });
    },
  });
  const duplicate = useMutation({
    mutationFn: (id: string) => api.graphs.duplicate.mutate({ id, workspaceId }),
    onSuccess: async (graph) => {
      await refresh();
      toast({ tone: 'success', title: `Duplicated as "${graph.name}"` });
    },
    onError: failed('Could not duplicate the graph'),
  });
  const remove = useMutation({
    mutationFn: (graph: { id: string; name: string }) => api.graphs.delete.mutate({ id: graph.id }),
    onSuccess: async (_result, graph) => {
      await refresh();
      toast({ tone: 'success', title: `Deleted "${graph.name}"` });
    },
    onError: failed('Could not delete the graph'),
  });
  const importDocument = useMutation({
    mutationFn: (input: { document: GraphDocument; name?: string }) =>
      api.graphs.import.mutate({ workspaceId, ...input }),
    onSuccess: async ({ graph }) => {
      await refresh();
      navigate({ page: 'editor', graphId: graph.id });
    },
  });
  return { create, rename, duplicate, remove, importDocument };
}
