import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { api, errorInfo } from '../../lib/trpc';
import { hrefOf, navigate } from '../../lib/route';

/** The team's graphs, newest first; the starting point of the app. */
export function GraphsPage() {
  const queryClient = useQueryClient();
  const graphs = useQuery({
    queryKey: ['graphs'],
    queryFn: () => api.graphs.list.query({ limit: 100 }),
  });
  const create = useMutation({
    mutationFn: (name: string) => api.graphs.create.mutate({ name }),
    onSuccess: async (graph) => {
      await queryClient.invalidateQueries({ queryKey: ['graphs'] });
      navigate({ page: 'editor', graphId: graph.id });
    },
  });
  return (
    <div className="mx-auto max-w-4xl p-6">
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-xl font-semibold">Graphs</h1>
        <button
          type="button"
          className="inline-flex items-center gap-1.5 rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-700"
          onClick={() => create.mutate('Untitled graph')}
        >
          <Plus className="size-4" aria-hidden /> New graph
        </button>
      </div>
      {graphs.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {graphs.isError && (
        <p role="alert" className="text-sm text-red-600">
          {errorInfo(graphs.error).message}
        </p>
      )}
      {graphs.data?.length === 0 && (
        <p className="text-sm text-slate-500">No graphs yet. Create one to start.</p>
      )}
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {graphs.data?.map((graph) => (
          <li key={graph.id}>
            <a
              className="flex items-center justify-between px-4 py-3 hover:bg-slate-50 dark:hover:bg-slate-900"
              href={hrefOf({ page: 'editor', graphId: graph.id })}
            >
              <span className="font-medium">{graph.name}</span>
              <span className="text-xs text-slate-500">
                v{graph.version} · {graph.nodeCount} nodes · {graph.updatedBy} ·{' '}
                {new Date(graph.updatedAt).toLocaleString()}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
