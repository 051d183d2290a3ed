import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/trpc';
import { ME_KEY } from './accountQueries';

/** Creates a workspace owned by the user; the account is reloaded to list it. */
export function useCreateWorkspace(onCreated: (workspaceId: string) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.workspaces.create.mutate({ name }),
    onSuccess: async (workspace) => {
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      onCreated(workspace.workspaceId);
    },
  });
}
