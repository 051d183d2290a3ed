import type { Membership } from './permissions';

const KEY = 'beluga.workspace';

/** The workspace chosen last in this browser, if any. */
export function savedWorkspaceId(): string | undefined {
  try {
    return localStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveWorkspaceId(workspaceId: string): void {
  try {
    localStorage.setItem(KEY, workspaceId);
  } catch {
    // Storage refused (private mode, quota): the choice lasts until the page reloads.
  }
}

/** The current workspace: the one chosen, while the user still belongs to it; else the first. */
export function pickWorkspace(
  workspaces: readonly Membership[],
  chosen: string | undefined,
): Membership | undefined {
  return workspaces.find((workspace) => workspace.workspaceId === chosen) ?? workspaces[0];
}
