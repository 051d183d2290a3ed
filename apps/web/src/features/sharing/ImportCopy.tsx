import { useMutation, useQuery } from '@tanstack/react-query';
import { CopyPlus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { navigate } from '../../lib/route';
import { api, errorInfo } from '../../lib/trpc';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { fetchMe, fetchStatus, ME_KEY, STATUS_KEY } from '../workspaces/accountQueries';
import { saveWorkspaceId } from '../workspaces/currentWorkspace';
import { roleCan } from '../workspaces/permissions';

/** "Import a copy" of a shared graph, for a signed-in user, into a workspace where they edit. */
export function ImportCopy({ token }: { token: string }) {
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: fetchStatus });
  const signedIn = Boolean(status.data?.user);
  const me = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, enabled: signedIn });
  const editable = (me.data?.workspaces ?? []).filter((w) => roleCan(w.role, 'edit'));
  const [chosen, setChosen] = useState<string>();
  const workspaceId = chosen ?? editable[0]?.workspaceId;
  const copy = useMutation({
    mutationFn: (target: string) => api.shared.importCopy.mutate({ token, workspaceId: target }),
    onSuccess: (graph) => {
      // The copy opens in its workspace, which becomes the current one.
      saveWorkspaceId(graph.workspaceId);
      navigate({ page: 'editor', graphId: graph.id });
    },
  });
  if (!status.data) return null;
  if (!signedIn)
    return (
      <a href="#/" className="text-sm text-sky-700 underline dark:text-sky-400">
        Sign in to import a copy
      </a>
    );
  if (me.data && editable.length === 0)
    return <p className="text-sm text-slate-500">None of your workspaces lets you add graphs.</p>;
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        {editable.length > 1 && (
          <select
            aria-label="Import into"
            className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-900"
            value={workspaceId}
            onChange={(event) => setChosen(event.target.value)}
          >
            {editable.map((w) => (
              <option key={w.workspaceId} value={w.workspaceId}>
                {w.name}
              </option>
            ))}
          </select>
        )}
        <Button
          variant="primary"
          icon={<CopyPlus className="size-4" aria-hidden />}
          disabled={!workspaceId || copy.isPending}
          onClick={() => workspaceId && copy.mutate(workspaceId)}
        >
          Import a copy
        </Button>
      </div>
      {copy.isError && <ErrorNote message={errorInfo(copy.error).message} />}
    </div>
  );
}
