import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from '../../components/toast';
import { api, errorInfo } from '../../lib/trpc';
import { invitationsKey } from './accountQueries';

export type InviteRole = 'admin' | 'editor' | 'runner' | 'viewer';

/** The link an invitation token opens: this app's sign-up page for it. */
export function invitationLink(token: string): string {
  return `${window.location.origin}${window.location.pathname}#/invite/${encodeURIComponent(token)}`;
}

/** A workspace's open invitations, inviting someone, and revoking an invitation. */
export function useInvitations(workspaceId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: invitationsKey(workspaceId) });
  const list = useQuery({
    queryKey: invitationsKey(workspaceId),
    queryFn: () => api.workspaces.invitations.query({ workspaceId }),
  });
  const invite = useMutation({
    mutationFn: (input: { email: string; role: InviteRole }) =>
      api.workspaces.invite.mutate({ workspaceId, ...input }),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (invitation: { id: string; email: string }) =>
      api.workspaces.revokeInvitation.mutate({ workspaceId, invitationId: invitation.id }),
    onSuccess: async (_answer, invitation) => {
      await refresh();
      toast({ tone: 'success', title: `Revoked the invitation for ${invitation.email}` });
    },
    onError: (error) =>
      toast({ tone: 'error', title: 'Could not revoke', description: errorInfo(error).message }),
  });
  return { list, invite, revoke };
}
