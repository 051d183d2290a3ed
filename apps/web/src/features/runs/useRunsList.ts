import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/trpc';
import { useGraphAccess } from '../workspaces/graphAccess';

export const runsListKey = (graphId: string) => ['runs', 'list', graphId] as const;

/**
 * The graph's latest runs, newest first (the history menu). Runs are listed in the graph's own
 * workspace: someone who reaches the graph only by a share sees none.
 */
export function useRunsList(graphId: string, enabled = true) {
  const workspaceId = useGraphAccess((state) => state.memberOf);
  return useQuery({
    queryKey: runsListKey(graphId),
    queryFn: () => api.runs.list.query({ workspaceId: workspaceId ?? '', graphId, limit: 30 }),
    enabled: enabled && workspaceId !== undefined,
  });
}
