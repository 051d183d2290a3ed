import { AuthCard } from './ui/AuthCard';
import { SignInForm } from './SignInForm';
import { SignUpForm } from './SignUpForm';

export interface SignInPageProps {
  /** Nobody has signed up yet: the first account is made here, and owns the instance. */
  needsOwner: boolean;
  /** The session ended while the app was open (its state waits behind this page). */
  expired?: boolean;
  initialEmail?: string;
  onSignedIn: () => Promise<void>;
}

/** Where a signed-out visitor lands, whatever page they asked for; they go on there after. */
export function SignInPage({ needsOwner, expired, initialEmail, onSignedIn }: SignInPageProps) {
  if (needsOwner) {
    return (
      <AuthCard title="Create the owner account">
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          No account exists yet. The first one owns this instance and the graphs stored so far;
          after it, people join by invitation.
        </p>
        <SignUpForm submitLabel="Create the owner account" onSignedUp={onSignedIn} />
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Sign in">
      {expired && (
        <p
          role="status"
          className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/60 dark:text-amber-200"
        >
          Your session has ended. Sign in again to carry on where you were: unsaved changes are
          kept.
        </p>
      )}
      <SignInForm {...(initialEmail ? { initialEmail } : {})} onSignedIn={onSignedIn} />
      <p className="mt-4 text-xs text-slate-500">
        No account? Ask a workspace admin for an invitation link.
      </p>
    </AuthCard>
  );
}
