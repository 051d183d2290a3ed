import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/trpc';
import { useLayoutEffect } from 'react';
import { create } from 'zustand';
import { findListedGraph } from '../graphs/graphListCache';
import { effectiveShare, graphPermissions, type GraphPermissions } from './permissions';
import { useWorkspace } from './WorkspaceContext';

/** What the user may do with the graph open in the editor, and where its runs are listed. */
export interface OpenGraphAccess extends GraphPermissions {
  /** The graph's workspace, when the user is a member of it (its runs are listed there). */
  memberOf: string | undefined;
}

const UNRESTRICTED: OpenGraphAccess = { edit: true, run: true, memberOf: undefined };

/**
 * The open graph's access, set by the editor page for the controls deep inside it (save, run,
 * approve) and for the editor store's lock, which reads it outside React.
 */
export const useGraphAccess = create<OpenGraphAccess>(() => UNRESTRICTED);

/** The open graph may not be edited by this user: no gesture changes it. */
export const graphIsReadOnly = (): boolean => !useGraphAccess.getState().edit;

/**
 * Works out the open graph's access from the user's role in its workspace, or else from the
 * share its graph list showed, and publishes it (before paint, so no control flashes).
 */
export function usePublishGraphAccess(graph: { id: string; workspaceId: string } | undefined) {
  const { me } = useWorkspace();
  const queryClient = useQueryClient();
  const role = me.workspaces.find((w) => w.workspaceId === graph?.workspaceId)?.role;
  // Reached by a share: the server says how (a graph opened by its URL was never listed).
  const access = useQuery({
    queryKey: ['graph-access', graph?.id],
    queryFn: () => api.graphs.access.query({ id: graph!.id }),
    enabled: graph !== undefined && !role,
  });
  let shared: 'viewer' | 'editor' | null | undefined;
  if (graph && !role) {
    const listed = findListedGraph(queryClient, graph.id);
    const listingRole = me.workspaces.find((w) => w.workspaceId === listed?.listedIn)?.role;
    shared =
      access.data?.shared ?? (listed && effectiveShare(listed.summary.sharedAccess, listingRole));
  }
  const permissions = graphPermissions(role, shared);
  const { edit, run, reason } = permissions;
  const memberOf = role ? graph?.workspaceId : undefined;
  useLayoutEffect(() => {
    if (!graph) return;
    useGraphAccess.setState({ edit, run, reason, memberOf }, true);
  }, [graph, edit, run, reason, memberOf]);
  useLayoutEffect(() => () => useGraphAccess.setState(UNRESTRICTED, true), []);
}

/** Where a copy of the open graph goes: its own workspace if the user is in it, else the current. */
export function useCopyWorkspaceId(): string {
  const { current } = useWorkspace();
  const memberOf = useGraphAccess((state) => state.memberOf);
  return memberOf ?? current.workspaceId;
}
