import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from '../../components/toast';
import { navigate } from '../../lib/route';
import { api, errorInfo } from '../../lib/trpc';
import { ME_KEY } from './accountQueries';
import type { Membership } from './permissions';
import { useWorkspace } from './WorkspaceContext';

/** Leaves a workspace; another one of the user's becomes current. */
export function useLeaveWorkspace(workspace: Membership) {
  const queryClient = useQueryClient();
  const { me, select } = useWorkspace();
  return useMutation({
    mutationFn: () => api.workspaces.leave.mutate({ workspaceId: workspace.workspaceId }),
    onSuccess: async () => {
      const next = me.workspaces.find((other) => other.workspaceId !== workspace.workspaceId);
      if (next) select(next.workspaceId);
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      navigate({ page: 'graphs' });
      toast({ tone: 'success', title: `You left ${workspace.name}` });
    },
    onError: (error) =>
      toast({ tone: 'error', title: 'Could not leave', description: errorInfo(error).message }),
  });
}
