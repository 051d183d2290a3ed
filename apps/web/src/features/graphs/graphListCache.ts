import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { GraphSummary } from './GraphRow';

/** The graph list of a workspace (its own graphs and those shared with it), page by page. */
export const graphsKey = (workspaceId: string) => ['graphs', workspaceId] as const;

/** A graph as some workspace's list already showed it, with that workspace's id. */
export function findListedGraph(
  queryClient: QueryClient,
  graphId: string,
): { summary: GraphSummary; listedIn: string } | undefined {
  const lists = queryClient.getQueriesData<InfiniteData<GraphSummary[]>>({ queryKey: ['graphs'] });
  for (const [key, data] of lists) {
    const summary = data?.pages.flat().find((graph) => graph.id === graphId);
    if (summary && typeof key[1] === 'string') return { summary, listedIn: key[1] };
  }
  return undefined;
}
