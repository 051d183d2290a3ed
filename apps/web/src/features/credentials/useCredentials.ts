import type { RouterOutputs } from '@beluga/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/trpc';

export type Credential = RouterOutputs['credentials']['list'][number];

export const credentialsKey = (workspaceId: string) => ['credentials', workspaceId] as const;

/** A workspace's credential names (editors and above); `enabled` false asks nothing. */
export function useCredentialList(workspaceId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: credentialsKey(workspaceId ?? ''),
    queryFn: () => api.credentials.list.query({ workspaceId: workspaceId ?? '' }),
    enabled: enabled && workspaceId !== undefined,
    staleTime: 30_000,
  });
}

/** Set and delete (admins and owners); each refreshes the list. */
export function useCredentialActions(workspaceId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: credentialsKey(workspaceId) });
  const set = useMutation({
    mutationFn: (input: { name: string; value: string }) =>
      api.credentials.set.mutate({ workspaceId, ...input }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (name: string) => api.credentials.delete.mutate({ workspaceId, name }),
    onSuccess: refresh,
  });
  return { set, remove };
}
