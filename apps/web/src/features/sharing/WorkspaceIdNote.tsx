import { Copy } from 'lucide-react';
import { Button } from '../../components/Button';
import { toast } from '../../components/toast';

/**
 * The workspace's id, for its settings page: an admin of another workspace enters it to share
 * a graph with this one (workspaces are never listed by name to people outside them).
 */
export function WorkspaceIdNote({ workspaceId }: { workspaceId: string }) {
  return (
    <div className="space-y-1 text-sm">
      <p className="font-medium">Workspace id</p>
      <div className="flex items-center gap-2">
        <code
          data-testid="workspace-id"
          className="rounded bg-slate-100 px-2 py-1 text-xs dark:bg-slate-800"
        >
          {workspaceId}
        </code>
        <Button
          size="sm"
          variant="ghost"
          icon={<Copy className="size-4" aria-hidden />}
          onClick={() =>
            void navigator.clipboard
              .writeText(workspaceId)
              .then(() => toast({ tone: 'success', title: 'Workspace id copied' }))
          }
        >
          Copy
        </Button>
      </div>
      <p className="text-slate-500">
        Give it to an admin of another workspace to have their graphs shared with this one.
      </p>
    </div>
  );
}
