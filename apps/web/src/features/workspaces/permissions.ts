import type { RouterOutputs } from '@beluga/api';

export type Membership = RouterOutputs['account']['me']['workspaces'][number];
export type WorkspaceRole = Membership['role'];
export type Permission = 'read' | 'run' | 'edit' | 'manage' | 'own';

/** Roles from least to most: each can do what the ones below it can (the server's ROLE_RANK). */
export const ROLES: readonly WorkspaceRole[] = ['viewer', 'runner', 'editor', 'admin', 'owner'];

const NEEDED: Record<Permission, WorkspaceRole> = {
  read: 'viewer',
  run: 'runner',
  edit: 'editor',
  manage: 'admin',
  own: 'owner',
};

/**
 * Whether a role has a permission. The UI hides what a role cannot do; the server checks every
 * call anyway, and its refusal is what the user sees when the two disagree.
 */
export function roleCan(role: WorkspaceRole | undefined, permission: Permission): boolean {
  return role !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(NEEDED[permission]);
}

/** What the caller may do with one graph. */
export interface GraphPermissions {
  edit: boolean;
  run: boolean;
  /** Why editing (or running) is not offered, for the editor's read-only badge. */
  reason?: string;
}

/**
 * A graph's permissions from the caller's role in its workspace, or else the share that reaches
 * them (`sharedAccess`, known from the graph list; unknown counts as read-only). A share never
 * lets anyone run: runs belong to the graph's own workspace.
 */
export function graphPermissions(
  role: WorkspaceRole | undefined,
  sharedAccess: 'viewer' | 'editor' | null | undefined,
): GraphPermissions {
  if (role) {
    const edit = roleCan(role, 'edit');
    const run = roleCan(role, 'run');
    return edit ? { edit, run } : { edit, run, reason: `Read-only: your role here is ${role}` };
  }
  if (sharedAccess === 'editor') return { edit: true, run: false };
  return { edit: false, run: false, reason: 'Shared with you read-only' };
}

/**
 * The share a listed graph gives the user: an editor share lets a workspace's editors and above
 * edit, and only lets its other members read (as the server decides it).
 */
export function effectiveShare(
  sharedAccess: 'viewer' | 'editor' | null,
  roleInListedWorkspace: WorkspaceRole | undefined,
): 'viewer' | 'editor' | null {
  if (sharedAccess === 'editor' && !roleCan(roleInListedWorkspace, 'edit')) return 'viewer';
  return sharedAccess;
}
