import { LogOut, UserMinus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { errorInfo } from '../../lib/trpc';
import { INPUT } from '../account/ui/Field';
import { ConfirmDialog } from '../graphs/ui/ConfirmDialog';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { ROLES, roleCan, type Membership, type WorkspaceRole } from './permissions';
import { useMembers, type Member } from './useMembers';
import { useLeaveWorkspace } from './useLeaveWorkspace';
import { useWorkspace } from './WorkspaceContext';

const CELL = 'px-3 py-2 text-left';

/** The roles `me` may give `member`: only owners make or unmake owners. */
function assignableRoles(mine: WorkspaceRole, member: Member): WorkspaceRole[] {
  if (mine === 'owner') return [...ROLES];
  if (member.role === 'owner') return [];
  return ROLES.filter((role) => role !== 'owner');
}

/** Whether `mine` may remove `member` (others than oneself), as the server decides it. */
function canRemove(mine: WorkspaceRole, member: Member): boolean {
  return (
    mine === 'owner' || (mine === 'admin' && member.role !== 'owner' && member.role !== 'admin')
  );
}

/** A workspace's members: roles for admins and owners to change, remove, and leave. */
export function MembersTable({ workspace }: { workspace: Membership }) {
  const { me } = useWorkspace();
  const { list, setRole, remove } = useMembers(workspace.workspaceId);
  const leave = useLeaveWorkspace(workspace);
  const [removing, setRemoving] = useState<Member>();
  const [leaving, setLeaving] = useState(false);
  const manage = roleCan(workspace.role, 'manage');
  if (list.isPending) return <p className="text-sm text-slate-500">Loading members…</p>;
  if (list.isError) return <ErrorNote message={errorInfo(list.error).message} />;
  return (
    <>
      <table className="w-full text-sm" aria-label="Members">
        <thead className="border-b border-slate-200 text-xs text-slate-500 dark:border-slate-800">
          <tr>
            <th className={CELL}>Name</th>
            <th className={CELL}>Email</th>
            <th className={CELL}>Role</th>
            <th className={CELL}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {list.data.map((member) => {
            const self = member.userId === me.user.id;
            const roles = manage && !self ? assignableRoles(workspace.role, member) : [];
            return (
              <tr key={member.userId}>
                <td className={CELL}>
                  {member.name}
                  {self && <span className="ml-1 text-xs text-slate-500">(you)</span>}
                </td>
                <td className={CELL}>{member.email}</td>
                <td className={CELL}>
                  {roles.length > 0 ? (
                    <select
                      className={INPUT}
                      aria-label={`Role of ${member.name}`}
                      value={member.role}
                      disabled={setRole.isPending}
                      onChange={(event) =>
                        setRole.mutate({ member, role: event.target.value as WorkspaceRole })
                      }
                    >
                      {roles.map((role) => (
                        <option key={role} value={role}>
                          {role}
                        </option>
                      ))}
                    </select>
                  ) : (
                    member.role
                  )}
                </td>
                <td className={`${CELL} text-right`}>
                  {self ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      icon={<LogOut aria-hidden className="size-3.5" />}
                      onClick={() => setLeaving(true)}
                    >
                      Leave
                    </Button>
                  ) : (
                    manage &&
                    canRemove(workspace.role, member) && (
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Remove ${member.name}`}
                        icon={<UserMinus aria-hidden className="size-3.5" />}
                        onClick={() => setRemoving(member)}
                      >
                        Remove
                      </Button>
                    )
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ConfirmDialog
        open={removing !== undefined}
        onOpenChange={(open) => !open && setRemoving(undefined)}
        title={`Remove ${removing?.name ?? ''}?`}
        description={`They lose access to ${workspace.name} and its graphs and runs.`}
        confirmLabel="Remove"
        danger
        onConfirm={() => removing && remove.mutate(removing)}
      />
      <ConfirmDialog
        open={leaving}
        onOpenChange={setLeaving}
        title={`Leave ${workspace.name}?`}
        description="You lose access to its graphs and runs until someone invites you again."
        confirmLabel="Leave"
        danger
        onConfirm={() => leave.mutate()}
      />
    </>
  );
}
