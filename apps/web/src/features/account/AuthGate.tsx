import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useRoute } from '../../lib/route';
import { api, errorInfo } from '../../lib/trpc';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { fetchStatus, STATUS_KEY } from '../workspaces/accountQueries';
import { InvitePage } from './InvitePage';
import { SignInPage } from './SignInPage';
import { useSessionSignals } from './useSessionSignals';

/**
 * Shows the app to a signed-in user and the sign-in page to anyone else, on whatever page they
 * asked for (the address stays, so they land there after signing in). When the session ends
 * while the app is open, the sign-in page covers the app without unmounting it: an edited
 * graph, its undo history and its unsaved changes wait in memory for the user to come back.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const route = useRoute();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: fetchStatus });
  // Once signed in, the app stays mounted: a later answer without a user means the session
  // ended (signing out reloads the page instead).
  const [user, setUser] = useState<{ id: string; email: string }>();
  const answered = status.data?.user;
  if (answered && answered.id !== user?.id) setUser(answered);
  const session = useSessionSignals(Boolean(user));
  const signedIn = () => queryClient.invalidateQueries({ queryKey: ['account'] });
  if (!user) {
    if (status.isPending) return <p className="p-6 text-sm text-slate-500">Loading…</p>;
    if (status.isError)
      return (
        <div className="m-6">
          <ErrorNote
            message={`The server could not be reached: ${errorInfo(status.error).message}`}
          />
        </div>
      );
    if (answered) return null;
    return route.page === 'invite' ? (
      <InvitePage token={route.token} onSignedIn={signedIn} />
    ) : (
      <SignInPage needsOwner={status.data.needsOwner} onSignedIn={signedIn} />
    );
  }
  const resume = async () => {
    const now = await api.account.status.query();
    if (now.user && now.user.id !== user.id) {
      // Someone else signed in: nothing of the previous user's page may stay on screen.
      window.location.reload();
      return;
    }
    session.resume();
    await queryClient.invalidateQueries();
  };
  const expired = session.expired || status.data?.user === null;
  return (
    <>
      {expired && (
        <div className="fixed inset-0 z-[60] overflow-y-auto bg-white dark:bg-slate-950">
          <SignInPage needsOwner={false} expired initialEmail={user.email} onSignedIn={resume} />
        </div>
      )}
      <div className="contents" inert={expired}>
        {children}
      </div>
    </>
  );
}
