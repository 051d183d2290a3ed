import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/trpc';
import { saveWorkspaceId } from '../workspaces/currentWorkspace';

/** What an invitation link offers (public: no sign-in needed to read it). */
export function useInvitation(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.invitations.peek.query({ token }),
    retry: false,
  });
}

/** Joins the invitation's workspace as the signed-in user and makes it the current one. */
export async function acceptInvitation(token: string): Promise<void> {
  const { workspaceId } = await api.invitations.accept.mutate({ token });
  saveWorkspaceId(workspaceId);
}

/**
 * After signing up with an invitation (the server accepted it with the sign-up), makes its
 * workspace the current one: the only membership with the invitation's name and role, since
 * the new account's own workspace is one it owns.
 */
export async function selectInvitedWorkspace(invited: {
  workspaceName: string;
  role: string;
}): Promise<void> {
  const me = await api.account.me.query();
  const joined = me.workspaces.find(
    (workspace) => workspace.name === invited.workspaceName && workspace.role === invited.role,
  );
  if (joined) saveWorkspaceId(joined.workspaceId);
}
