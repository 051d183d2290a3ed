import type { RouterOutputs } from '@beluga/api';
import { createContext, useContext } from 'react';
import type { Membership } from './permissions';

export type Me = RouterOutputs['account']['me'];

export interface WorkspaceContextValue {
  me: Me;
  /** The workspace the graph list, new graphs, imports and run lists are in. */
  current: Membership;
  /** Makes another of the user's workspaces current (remembered in this browser). */
  select: (workspaceId: string) => void;
}

export const WorkspaceContext = createContext<WorkspaceContextValue | undefined>(undefined);

/** The signed-in user and the current workspace; only inside WorkspaceProvider. */
export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace() is used outside <WorkspaceProvider>');
  return value;
}

/** The current workspace: its id, name and the user's role in it. */
export function useCurrentWorkspace(): Membership {
  return useWorkspace().current;
}

/** The user's role in a workspace, undefined when they are not a member. */
export function useRoleIn(workspaceId: string | undefined): Membership['role'] | undefined {
  const { me } = useWorkspace();
  return me.workspaces.find((workspace) => workspace.workspaceId === workspaceId)?.role;
}
