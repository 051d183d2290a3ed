import type { RouterOutputs } from '@beluga/api';
import { Copy, Download, Ellipsis, FolderOpen, Pencil, Trash2 } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { hrefOf, navigate } from '../../lib/route';
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

/** One graph of the list: what it is, how big, which version, who changed it and when. */
export function GraphRow({ graph, onRename, onDuplicate, onExport, onDelete }: GraphRowProps) {
  const nodes = `${graph.nodeCount} ${graph.nodeCount === 1 ? 'node' : 'nodes'}`;
  return (
    <li className="flex items-start gap-3 px-4 py-3 hover:bg-slate-50 dark:hover:bg-slate-900">
      <div className="min-w-0 flex-1">
        <a
          className="font-medium text-sky-700 hover:underline dark:text-sky-400"
          href={hrefOf({ page: 'editor', graphId: graph.id })}
        >
          {graph.name}
        </a>
        {graph.description && (
          <p className="mt-0.5 line-clamp-2 text-sm text-slate-600 dark:text-slate-400">
            {graph.description}
          </p>
        )}
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {nodes} · v{graph.version} · changed by {graph.updatedBy}{' '}
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
            <DropdownMenu.Item className={ITEM} onSelect={onRename}>
              <Pencil className="size-4" aria-hidden /> Rename…
            </DropdownMenu.Item>
            <DropdownMenu.Item className={ITEM} onSelect={onDuplicate}>
              <Copy className="size-4" aria-hidden /> Duplicate
            </DropdownMenu.Item>
            <DropdownMenu.Item className={ITEM} onSelect={onExport}>
              <Download className="size-4" aria-hidden /> Export .json
            </DropdownMenu.Item>
            <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
            <DropdownMenu.Item
              className={`${ITEM} text-red-600 dark:text-red-400`}
              onSelect={onDelete}
            >
              <Trash2 className="size-4" aria-hidden /> Delete…
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
    </li>
  );
}
