import { useState } from 'react';
import { toast } from '../../components/toast';
import { errorInfo } from '../../lib/trpc';
import { AuthCard } from './ui/AuthCard';
import { InvalidInvitation, InvitationSummary, type InvitationInfo } from './InvitationSummary';
import { SignInForm } from './SignInForm';
import { SignUpForm } from './SignUpForm';
import { acceptInvitation, selectInvitedWorkspace, useInvitation } from './useInvitation';

export interface InvitePageProps {
  token: string;
  /** Signed in now: the app loads the account (and leaves this page). */
  onSignedIn: () => Promise<void>;
}

const LINK =
  'self-start text-sm font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400';

/** An invitation link opened signed out: make an account for it, or sign in and accept it. */
export function InvitePage({ token, onSignedIn }: InvitePageProps) {
  const invitation = useInvitation(token);
  const [haveAccount, setHaveAccount] = useState(false);
  if (invitation.isPending)
    return (
      <AuthCard title="Invitation">
        <p className="text-sm text-slate-500">Reading the invitation…</p>
      </AuthCard>
    );
  if (invitation.isError)
    return (
      <AuthCard title="Invitation">
        <InvalidInvitation message={errorInfo(invitation.error).message} />
        <a className={`${LINK} mt-4 block`} href="#/">
          Go to sign-in
        </a>
      </AuthCard>
    );
  const info = invitation.data;
  return (
    <AuthCard title={`Join ${info.workspaceName}`}>
      <InvitationSummary invitation={info} />
      {haveAccount ? (
        <SignInForm
          initialEmail={info.email}
          submitLabel="Sign in and join"
          onSignedIn={() => signInAndAccept(token, info, onSignedIn)}
        />
      ) : (
        <SignUpForm
          invitedEmail={info.email}
          invitationToken={token}
          submitLabel="Create the account and join"
          onSignedUp={() => afterSignUp(info, onSignedIn)}
        />
      )}
      <button type="button" className={`${LINK} mt-4`} onClick={() => setHaveAccount(!haveAccount)}>
        {haveAccount ? 'I need an account' : 'I have an account'}
      </button>
    </AuthCard>
  );
}

async function afterSignUp(info: InvitationInfo, onSignedIn: () => Promise<void>) {
  await selectInvitedWorkspace(info);
  window.location.hash = '#/';
  await onSignedIn();
  toast({ tone: 'success', title: `You joined ${info.workspaceName}` });
}

/**
 * Signed in: accept at once. If the server refuses (an invitation for another address), the
 * user is signed in all the same and stays on the link, where the refusal can be read again.
 */
async function signInAndAccept(
  token: string,
  info: InvitationInfo,
  onSignedIn: () => Promise<void>,
) {
  try {
    await acceptInvitation(token);
    window.location.hash = '#/';
    toast({ tone: 'success', title: `You joined ${info.workspaceName}` });
  } catch (error) {
    toast({ tone: 'error', title: 'Could not join', description: errorInfo(error).message });
  }
  await onSignedIn();
}
