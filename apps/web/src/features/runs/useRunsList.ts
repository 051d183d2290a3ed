import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/trpc';

export const runsListKey = (graphId: string) => ['runs', 'list', graphId] as const;

/** The graph's latest runs, newest first (the history menu). */
export function useRunsList(graphId: string, enabled = true) {
  return useQuery({
    queryKey: runsListKey(graphId),
    queryFn: () => api.runs.list.query({ graphId, limit: 30 }),
    enabled,
  });
}
