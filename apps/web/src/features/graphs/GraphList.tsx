import { useInfiniteQuery } from '@tanstack/react-query';
import { FileJson, Search } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { api, errorInfo } from '../../lib/trpc';
import { roleCan } from '../workspaces/permissions';
import { useCurrentWorkspace } from '../workspaces/WorkspaceContext';
import { graphsKey } from './graphListCache';
import { GraphRow, type GraphSummary } from './GraphRow';
import { ErrorNote } from './ui/ErrorNote';

const PAGE = 100;

export interface GraphListProps {
  onRename: (graph: GraphSummary) => void;
  onDuplicate: (graph: GraphSummary) => void;
  onExport: (graph: GraphSummary) => void;
  onDelete: (graph: GraphSummary) => void;
}

/**
 * The current workspace's graphs and those shared with it, most recently changed first, a page
 * at a time, filtered by name.
 */
export function GraphList(props: GraphListProps) {
  const [filter, setFilter] = useState('');
  const { workspaceId, role } = useCurrentWorkspace();
  const graphs = useInfiniteQuery({
    queryKey: graphsKey(workspaceId),
    queryFn: ({ pageParam }) =>
      api.graphs.list.query({
        workspaceId,
        limit: PAGE,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: undefined as { updatedAt: string; id: string } | undefined,
    getNextPageParam: (page) => {
      const last = page.at(-1);
      return page.length === PAGE && last ? { updatedAt: last.updatedAt, id: last.id } : undefined;
    },
  });
  if (graphs.isPending) return <p className="text-sm text-slate-500">Loading graphs…</p>;
  if (graphs.isError) return <ErrorNote message={errorInfo(graphs.error).message} />;
  const all = graphs.data.pages.flat();
  if (all.length === 0) {
    return (
      <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 dark:border-slate-700">
        <FileJson className="size-6" aria-hidden />
        <p>No graphs yet.</p>
        {roleCan(role, 'edit') ? (
          <p>Create one, start from a template, or drop a .json file here to import it.</p>
        ) : (
          <p>Your role here is {role}: editors and above create graphs.</p>
        )}
      </div>
    );
  }
  const needle = filter.trim().toLowerCase();
  const shown = needle ? all.filter((graph) => graph.name.toLowerCase().includes(needle)) : all;
  return (
    <div className="flex flex-col gap-2">
      <label className="flex items-center gap-2 rounded-md border border-slate-300 px-2 dark:border-slate-700">
        <Search className="size-4 text-slate-400" aria-hidden />
        <span className="sr-only">Filter graphs by name</span>
        <input
          type="search"
          className="flex-1 bg-transparent py-1.5 text-sm outline-none"
          placeholder="Filter by name"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      </label>
      {shown.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">No graph name contains “{filter.trim()}”.</p>
      ) : (
        <ul
          aria-label="Graphs"
          className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
        >
          {shown.map((graph) => (
            <GraphRow
              key={graph.id}
              graph={graph}
              onRename={() => props.onRename(graph)}
              onDuplicate={() => props.onDuplicate(graph)}
              onExport={() => props.onExport(graph)}
              onDelete={() => props.onDelete(graph)}
            />
          ))}
        </ul>
      )}
      {graphs.hasNextPage && (
        <Button
          className="self-center"
          disabled={graphs.isFetchingNextPage}
          onClick={() => void graphs.fetchNextPage()}
        >
          {graphs.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </div>
  );
}
