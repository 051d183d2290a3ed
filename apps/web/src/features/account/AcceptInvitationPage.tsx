import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../components/Button';
import { toast } from '../../components/toast';
import { navigate } from '../../lib/route';
import { api, errorInfo } from '../../lib/trpc';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { ME_KEY } from '../workspaces/accountQueries';
import { useWorkspace } from '../workspaces/WorkspaceContext';
import { InvalidInvitation, InvitationSummary } from './InvitationSummary';
import { useInvitation } from './useInvitation';

/** An invitation link opened while signed in: join its workspace with this account. */
export function AcceptInvitationPage({ token }: { token: string }) {
  const invitation = useInvitation(token);
  const { me, select } = useWorkspace();
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: () => api.invitations.accept.mutate({ token }),
    onSuccess: async ({ workspaceId }) => {
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      select(workspaceId);
      navigate({ page: 'graphs' });
      toast({ tone: 'success', title: `You joined ${invitation.data?.workspaceName ?? 'it'}` });
    },
  });
  return (
    <div className="mx-auto max-w-lg p-6">
      <h1 className="mb-4 text-xl font-semibold">Invitation</h1>
      {invitation.isPending && <p className="text-sm text-slate-500">Reading the invitation…</p>}
      {invitation.isError && <InvalidInvitation message={errorInfo(invitation.error).message} />}
      {invitation.data && (
        <>
          <InvitationSummary invitation={invitation.data} />
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
            You are signed in as {me.user.name} ({me.user.email}).
          </p>
          {accept.isError && <ErrorNote message={errorInfo(accept.error).message} />}
          <div className="mt-4 flex gap-2">
            <Button variant="primary" disabled={accept.isPending} onClick={() => accept.mutate()}>
              Join {invitation.data.workspaceName}
            </Button>
            <Button onClick={() => navigate({ page: 'graphs' })}>Not now</Button>
          </div>
        </>
      )}
    </div>
  );
}
