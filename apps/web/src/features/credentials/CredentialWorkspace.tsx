import { createContext, useContext, type ReactNode } from 'react';
import { roleCan } from '../workspaces/permissions';
import { WorkspaceContext } from '../workspaces/WorkspaceContext';

const Override = createContext<string | undefined>(undefined);

/**
 * The workspace whose credentials the inspector offers: a graph's runs resolve credentials in
 * the graph's workspace, which for a shared graph is not the current one.
 */
export function CredentialWorkspace({
  workspaceId,
  children,
}: {
  workspaceId: string;
  children: ReactNode;
}) {
  return <Override.Provider value={workspaceId}>{children}</Override.Provider>;
}

/**
 * The workspace to list credential names of, and whether the user may (editors and above);
 * without a CredentialWorkspace around, the current workspace.
 */
export function useCredentialWorkspace(): { workspaceId: string | undefined; canList: boolean } {
  const override = useContext(Override);
  const workspaces = useContext(WorkspaceContext);
  const workspaceId = override ?? workspaces?.current.workspaceId;
  const role = workspaces?.me.workspaces.find((w) => w.workspaceId === workspaceId)?.role;
  return { workspaceId, canList: roleCan(role, 'edit') };
}
