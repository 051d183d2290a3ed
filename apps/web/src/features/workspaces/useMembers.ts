import type { RouterOutputs } from '@beluga/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from '../../components/toast';
import { api, errorInfo } from '../../lib/trpc';
import { ME_KEY, membersKey } from './accountQueries';
import type { WorkspaceRole } from './permissions';

export type Member = RouterOutputs['workspaces']['members'][number];

function failed(title: string) {
  return (error: unknown) => toast({ tone: 'error', title, description: errorInfo(error).message });
}

/** A workspace's members, and changing their roles or removing them. */
export function useMembers(workspaceId: string, enabled = true) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: membersKey(workspaceId) }),
      queryClient.invalidateQueries({ queryKey: ME_KEY }),
    ]);
  const list = useQuery({
    queryKey: membersKey(workspaceId),
    queryFn: () => api.workspaces.members.query({ workspaceId }),
    enabled,
  });
  const setRole = useMutation({
    mutationFn: (input: { member: Member; role: WorkspaceRole }) =>
      api.workspaces.setRole.mutate({ workspaceId, userId: input.member.userId, role: input.role }),
    onSuccess: async (_answer, { member, role }) => {
      await refresh();
      toast({ tone: 'success', title: `${member.name} is now ${role}` });
    },
    onError: failed('Could not change the role'),
  });
  const remove = useMutation({
    mutationFn: (member: Member) =>
      api.workspaces.removeMember.mutate({ workspaceId, userId: member.userId }),
    onSuccess: refresh,
    onError: failed('Could not remove the member'),
  });
  return { list, setRole, remove };
}

/** Names of a workspace's members by user id (for "changed by", "started by"). */
export function useMemberNames(workspaceId: string | undefined, enabled: boolean) {
  const members = useQuery({
    queryKey: membersKey(workspaceId ?? ''),
    queryFn: () => api.workspaces.members.query({ workspaceId: workspaceId ?? '' }),
    enabled: enabled && workspaceId !== undefined,
    staleTime: 60_000,
  });
  return new Map(members.data?.map((member) => [member.userId, member.name]));
}
