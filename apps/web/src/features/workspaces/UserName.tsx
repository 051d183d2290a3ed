import { useRoleIn, useWorkspace } from './WorkspaceContext';
import { useMemberNames } from './useMembers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user's name, from the members of the workspace the record belongs to. */
export function UserName({ id, workspaceId }: { id: string; workspaceId?: string }) {
  const { me, current } = useWorkspace();
  const inWorkspace = workspaceId ?? current.workspaceId;
  const member = useRoleIn(inWorkspace) !== undefined;
  const names = useMemberNames(inWorkspace, member && id !== me.user.id);
  if (id === me.user.id) return <>{me.user.name}</>;
  // Not a member there (a shared graph), or no longer a member: no name to show.
  return <>{names.get(id) ?? (UUID.test(id) ? 'someone else' : id)}</>;
}
