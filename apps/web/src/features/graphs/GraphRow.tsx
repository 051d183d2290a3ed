import type { RouterOutputs } from '@beluga/api';
import { Copy, Download, Ellipsis, FolderOpen, Pencil, Share2, Trash2 } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { hrefOf, navigate } from '../../lib/route';
import { effectiveShare, graphPermissions, roleCan } from '../workspaces/permissions';
import { UserName } from '../workspaces/UserName';
import { useWorkspace } from '../workspaces/WorkspaceContext';
import { fullTime, isoTime, timeAgo } from './ui/formatTime';

export type GraphSummary = RouterOutputs['graphs']['list'][number];

export interface GraphRowProps {
  graph: GraphSummary;
  onRename: () => void;
  onDuplicate: () => void;
  onExport: () => void;
  onDelete: () => void;
}

const ITEM =
  'flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm outline-none select-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800';

/** What the user may do with a listed graph: their role in its workspace, or the share. */
function useRowPermissions(graph: GraphSummary) {
  const { me, current } = useWorkspace();
  const role = me.workspaces.find((w) => w.workspaceId === graph.workspaceId)?.role;
  const share = effectiveShare(graph.sharedAccess, current.role);
  return {
    share,
    edit: graphPermissions(role, share).edit,
    // A copy goes to the current workspace.
    duplicate: roleCan(current.role, 'edit'),
  };
}

/** "shared · read-only": a graph of another workspace, shared with this one. */
function SharedBadge({ access }: { access: 'viewer' | 'editor' }) {
  return (
    <span
      data-testid="shared-badge"
      className="ml-2 inline-flex items-center gap-1 rounded bg-violet-100 px-1.5 py-0.5 align-middle text-xs text-violet-800 dark:bg-violet-900/50 dark:text-violet-200"
    >
      <Share2 aria-hidden className="size-3" />
      shared · {access === 'editor' ? 'can edit' : 'read-only'}
    </span>
  );
}

/** One graph of the list: what it is, how big, which version, who changed it and when. */
export function GraphRow({ graph, onRename, onDuplicate, onExport, onDelete }: GraphRowProps) {
  const nodes = `${graph.nodeCount} ${graph.nodeCount === 1 ? 'node' : 'nodes'}`;
  const can = useRowPermissions(graph);
  return (
    <li className="flex items-start gap-3 px-4 py-3 hover:bg-slate-50 dark:hover:bg-slate-900">
      <div className="min-w-0 flex-1">
        <a
          className="font-medium text-sky-700 hover:underline dark:text-sky-400"
          href={hrefOf({ page: 'editor', graphId: graph.id })}
        >
          {graph.name}
        </a>
        {can.share && <SharedBadge access={can.share} />}
        {graph.description && (
          <p className="mt-0.5 line-clamp-2 text-sm text-slate-600 dark:text-slate-400">
            {graph.description}
          </p>
        )}
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {nodes} · v{graph.version} · changed by{' '}
          <UserName id={graph.updatedBy} workspaceId={graph.workspaceId} />{' '}
          <time dateTime={isoTime(graph.updatedAt)} title={fullTime(graph.updatedAt)}>
            {timeAgo(graph.updatedAt)}
          </time>
        </p>
      </div>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          aria-label={`Actions for ${graph.name}`}
          className="rounded-md p-1.5 text-slate-600 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:text-slate-300 dark:hover:bg-slate-800"
        >
          <Ellipsis className="size-4" aria-hidden />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align="end"
            className="z-30 min-w-40 rounded-md border border-slate-200 bg-white p-1 text-slate-800 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          >
            <DropdownMenu.Item
              className={ITEM}
              onSelect={() => navigate({ page: 'editor', graphId: graph.id })}
            >
              <FolderOpen className="size-4" aria-hidden /> Open
            </DropdownMenu.Item>
            {can.edit && (
              <DropdownMenu.Item className={ITEM} onSelect={onRename}>
                <Pencil className="size-4" aria-hidden /> Rename…
              </DropdownMenu.Item>
            )}
            {can.duplicate && (
              <DropdownMenu.Item className={ITEM} onSelect={onDuplicate}>
                <Copy className="size-4" aria-hidden /> Duplicate
              </DropdownMenu.Item>
            )}
            <DropdownMenu.Item className={ITEM} onSelect={onExport}>
              <Download className="size-4" aria-hidden /> Export .json
            </DropdownMenu.Item>
            {can.edit && (
              <>
                <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
                <DropdownMenu.Item
                  className={`${ITEM} text-red-600 dark:text-red-400`}
                  onSelect={onDelete}
                >
                  <Trash2 className="size-4" aria-hidden /> Delete…
                </DropdownMenu.Item>
              </>
            )}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
    </li>
  );
}
