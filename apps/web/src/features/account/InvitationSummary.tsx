import type { RouterOutputs } from '@beluga/api';

export type InvitationInfo = RouterOutputs['invitations']['peek'];

/** "You are invited to join X as editor." */
export function InvitationSummary({ invitation }: { invitation: InvitationInfo }) {
  return (
    <p className="mb-4 text-sm" data-testid="invitation-summary">
      You are invited to join <strong>{invitation.workspaceName}</strong> as{' '}
      <strong>{invitation.role}</strong>, with the address <strong>{invitation.email}</strong>.
    </p>
  );
}

/** The link was used, revoked or has expired (the server does not say which). */
export function InvalidInvitation({ message }: { message: string }) {
  return (
    <div role="alert" className="flex flex-col gap-2 text-sm">
      <p>This invitation link cannot be used: it was accepted or revoked, or it has expired.</p>
      <p className="text-slate-500">{message}</p>
      <p>Ask the person who invited you for a new link.</p>
    </div>
  );
}
