import { Ban } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { errorInfo } from '../../lib/trpc';
import { CopyField } from '../account/ui/CopyField';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { fullTime } from '../graphs/ui/formatTime';
import { InviteForm } from './InviteForm';
import type { Membership } from './permissions';
import { invitationLink, useInvitations, type InviteRole } from './useInvitations';

const CELL = 'px-3 py-2 text-left';

/**
 * Inviting by email: the link is shown once, for the admin to pass on (the server keeps only
 * its hash); the open invitations, each revocable until accepted.
 */
export function Invitations({ workspace }: { workspace: Membership }) {
  const { list, invite, revoke } = useInvitations(workspace.workspaceId);
  const [link, setLink] = useState<{ email: string; url: string }>();
  const roles: InviteRole[] =
    workspace.role === 'owner'
      ? ['viewer', 'runner', 'editor', 'admin']
      : ['viewer', 'runner', 'editor'];
  return (
    <div className="flex flex-col gap-4">
      <InviteForm
        roles={roles}
        busy={invite.isPending}
        onInvite={(input) =>
          invite.mutate(input, {
            onSuccess: ({ token }) => setLink({ email: input.email, url: invitationLink(token) }),
          })
        }
      />
      {invite.isError && <ErrorNote message={errorInfo(invite.error).message} />}
      {link && (
        <div
          role="status"
          className="flex flex-col gap-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950/40"
        >
          <p className="font-medium">
            Send this link to {link.email}: it is shown only this once, and works for 7 days.
          </p>
          <CopyField label="Invitation link" value={link.url} />
          <Button className="self-end" size="sm" onClick={() => setLink(undefined)}>
            Done
          </Button>
        </div>
      )}
      {list.isError && <ErrorNote message={errorInfo(list.error).message} />}
      {list.data?.length === 0 && <p className="text-sm text-slate-500">No open invitations.</p>}
      {list.data && list.data.length > 0 && (
        <table className="w-full text-sm" aria-label="Open invitations">
          <thead className="border-b border-slate-200 text-xs text-slate-500 dark:border-slate-800">
            <tr>
              <th className={CELL}>Email</th>
              <th className={CELL}>Role</th>
              <th className={CELL}>Expires</th>
              <th className={CELL}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {list.data.map((invitation) => (
              <tr key={invitation.id}>
                <td className={CELL}>{invitation.email}</td>
                <td className={CELL}>{invitation.role}</td>
                <td className={CELL}>{fullTime(invitation.expiresAt)}</td>
                <td className={`${CELL} text-right`}>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Revoke the invitation for ${invitation.email}`}
                    icon={<Ban aria-hidden className="size-3.5" />}
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate(invitation)}
                  >
                    Revoke
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
