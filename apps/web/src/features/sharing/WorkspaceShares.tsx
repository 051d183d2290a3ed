import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { api } from '../../lib/trpc';
import { useWorkspace } from '../workspaces/WorkspaceContext';
import { useSharingMutation, type SharingList } from './shareQueries';

type Access = 'viewer' | 'editor';
const ACCESS_LABEL: Record<Access, string> = { viewer: 'Can view', editor: 'Can edit' };
const OTHER = '__other__';

const selectClass =
  'h-8 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-900';

/** The workspaces a graph is shared with; its admins add, change and remove them. */
export function WorkspaceShares(props: {
  graphId: string;
  ownWorkspaceId: string;
  list: SharingList;
}) {
  const { graphId, list } = props;
  const share = useSharingMutation(
    graphId,
    (input: { workspaceId: string; access: Access }) =>
      api.sharing.share.mutate({ id: graphId, ...input }),
    'Could not share the graph',
  );
  const unshare = useSharingMutation(
    graphId,
    (workspaceId: string) => api.sharing.unshare.mutate({ id: graphId, workspaceId }),
    'Could not stop sharing',
  );
  return (
    <section aria-labelledby="share-workspaces" className="space-y-2">
      <h3 id="share-workspaces" className="text-sm font-semibold">
        Workspaces
      </h3>
      {list.shares.length === 0 && (
        <p className="text-sm text-slate-500">Not shared with any other workspace.</p>
      )}
      <ul className="divide-y divide-slate-200 dark:divide-slate-800">
        {list.shares.map((row) => (
          <li key={row.workspaceId} className="flex items-center gap-2 py-1.5 text-sm">
            <span className="min-w-0 flex-1 truncate" title={row.workspaceId}>
              {row.workspaceName}
            </span>
            {list.canManage ? (
              <>
                <select
                  aria-label={`Access of ${row.workspaceName}`}
                  className={selectClass}
                  value={row.access}
                  onChange={(event) =>
                    share.mutate({
                      workspaceId: row.workspaceId,
                      access: event.target.value as Access,
                    })
                  }
                >
                  <option value="viewer">{ACCESS_LABEL.viewer}</option>
                  <option value="editor">{ACCESS_LABEL.editor}</option>
                </select>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Stop sharing with ${row.workspaceName}`}
                  icon={<Trash2 className="size-4" aria-hidden />}
                  onClick={() => unshare.mutate(row.workspaceId)}
                />
              </>
            ) : (
              <span className="text-slate-500">{ACCESS_LABEL[row.access]}</span>
            )}
          </li>
        ))}
      </ul>
      {list.canManage && (
        <AddShare {...props} onShare={(input) => share.mutate(input)} busy={share.isPending} />
      )}
    </section>
  );
}

/**
 * Picks the workspace to share with: one of the admin's own, or any other by the id its admins
 * read on their settings page (workspaces are never listed by name to outsiders).
 */
function AddShare(props: {
  ownWorkspaceId: string;
  list: SharingList;
  busy: boolean;
  onShare: (input: { workspaceId: string; access: Access }) => void;
}) {
  const { me } = useWorkspace();
  const taken = new Set([props.ownWorkspaceId, ...props.list.shares.map((s) => s.workspaceId)]);
  const choices = me.workspaces.filter((workspace) => !taken.has(workspace.workspaceId));
  const [chosen, setPicked] = useState<string>();
  // What was chosen, while it is still a choice (a share just made takes it off the list).
  const picked =
    chosen === OTHER || choices.some((w) => w.workspaceId === chosen)
      ? (chosen as string)
      : (choices[0]?.workspaceId ?? OTHER);
  const [typed, setTyped] = useState('');
  const [access, setAccess] = useState<Access>('viewer');
  const workspaceId = picked === OTHER ? typed.trim() : picked;
  return (
    <form
      className="flex flex-wrap items-center gap-2 pt-1"
      onSubmit={(event) => {
        event.preventDefault();
        if (workspaceId) props.onShare({ workspaceId, access });
        setTyped('');
      }}
    >
      <select
        aria-label="Share with"
        className={`${selectClass} min-w-0 flex-1`}
        value={picked}
        onChange={(event) => setPicked(event.target.value)}
      >
        {choices.map((workspace) => (
          <option key={workspace.workspaceId} value={workspace.workspaceId}>
            {workspace.name}
          </option>
        ))}
        <option value={OTHER}>Another workspace, by its id…</option>
      </select>
      {picked === OTHER && (
        <input
          aria-label="Workspace id"
          placeholder="Workspace id (from its settings page)"
          className="h-8 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-900"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
      )}
      <select
        aria-label="Access"
        className={selectClass}
        value={access}
        onChange={(event) => setAccess(event.target.value as Access)}
      >
        <option value="viewer">{ACCESS_LABEL.viewer}</option>
        <option value="editor">{ACCESS_LABEL.editor}</option>
      </select>
      <Button type="submit" size="sm" variant="primary" disabled={!workspaceId || props.busy}>
        Share
      </Button>
    </form>
  );
}
