import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { errorInfo } from '../../lib/trpc';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { fetchMe, ME_KEY } from './accountQueries';
import { pickWorkspace, savedWorkspaceId, saveWorkspaceId } from './currentWorkspace';
import { NewWorkspaceForm } from './NewWorkspaceForm';
import { WorkspaceContext } from './WorkspaceContext';

/** Loads the signed-in user's workspaces and keeps the current one for everything below. */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const me = useQuery({ queryKey: ME_KEY, queryFn: fetchMe });
  const [chosen, setChosen] = useState(savedWorkspaceId);
  const current = me.data && pickWorkspace(me.data.workspaces, chosen);
  const value = useMemo(
    () =>
      me.data && current
        ? {
            me: me.data,
            current,
            select: (workspaceId: string) => {
              saveWorkspaceId(workspaceId);
              setChosen(workspaceId);
            },
          }
        : undefined,
    [me.data, current],
  );
  if (me.isPending) return <p className="p-6 text-sm text-slate-500">Loading your workspaces…</p>;
  // A failed refetch keeps the app (and an open editor's unsaved work) on screen.
  if (me.isError && !me.data)
    return (
      <div className="m-6">
        <ErrorNote message={errorInfo(me.error).message} />
      </div>
    );
  if (!value) {
    return (
      <div className="mx-auto max-w-md p-6">
        <h1 className="mb-2 text-xl font-semibold">No workspace</h1>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          You do not belong to any workspace now. Create one, or open an invitation link.
        </p>
        <NewWorkspaceForm
          onCreated={(workspaceId) => {
            saveWorkspaceId(workspaceId);
            setChosen(workspaceId);
          }}
        />
      </div>
    );
  }
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}
