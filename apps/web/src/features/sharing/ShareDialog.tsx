import { Dialog } from '../../components/Dialog';
import { errorInfo } from '../../lib/trpc';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { useSharing } from './shareQueries';
import { ShareLinks } from './ShareLinks';
import { WorkspaceShares } from './WorkspaceShares';

/** Who a graph is shared with and its links; only its workspace's admins change them. */
export function ShareDialog(props: {
  graphId: string;
  ownWorkspaceId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const sharing = useSharing(props.graphId);
  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title="Share this graph"
      description="Other workspaces see it in their graph list; nobody there can run it or see its runs."
    >
      {sharing.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {sharing.isError && <ErrorNote message={errorInfo(sharing.error).message} />}
      {sharing.data && (
        <div className="space-y-5">
          <WorkspaceShares
            graphId={props.graphId}
            ownWorkspaceId={props.ownWorkspaceId}
            list={sharing.data}
          />
          <ShareLinks graphId={props.graphId} list={sharing.data} />
        </div>
      )}
    </Dialog>
  );
}
