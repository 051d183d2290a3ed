import { ChevronDown, History } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { hrefOf } from '../../lib/route';
import { errorInfo } from '../../lib/trpc';
import { UserName } from '../workspaces/UserName';
import { useGraphAccess } from '../workspaces/graphAccess';
import { formatDuration, formatWhen, RUN_STATUS, shortId } from './runFormat';
import { useRunView } from './runStore';
import { useRunsList } from './useRunsList';

const ITEM =
  'flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800';

/** The graph's past runs; choosing one opens it read-only (`#/graphs/:id/runs/:runId`). */
export function RunHistoryMenu({ graphId }: { graphId: string }) {
  const runs = useRunsList(graphId);
  const shown = useRunView((state) => state.runId);
  const workspaceId = useGraphAccess((state) => state.memberOf);
  if (!workspaceId) return null;
  return (
    <DropdownMenu.Root onOpenChange={(open) => open && void runs.refetch()}>
      <DropdownMenu.Trigger
        aria-label="Run history"
        title="Run history"
        className="inline-flex h-8 items-center gap-1 rounded-md px-2 text-sm text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:text-slate-200 dark:hover:bg-slate-800"
      >
        <History aria-hidden className="size-4" />
        <ChevronDown aria-hidden className="size-3" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          className="z-50 max-h-96 w-80 overflow-y-auto rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-800 dark:bg-slate-900"
        >
          <DropdownMenu.Label className="px-2 py-1 text-xs font-semibold text-slate-500">
            Runs of this graph
          </DropdownMenu.Label>
          {runs.isError && (
            <p role="alert" className="px-2 py-1 text-sm text-red-600">
              {errorInfo(runs.error).message}
            </p>
          )}
          {runs.data?.length === 0 && (
            <p className="px-2 py-1 text-sm text-slate-500">No runs yet.</p>
          )}
          {runs.data?.map((run) => {
            const look = RUN_STATUS[run.status];
            const ms = run.finishedAt
              ? Date.parse(run.finishedAt) - Date.parse(run.createdAt)
              : undefined;
            return (
              <DropdownMenu.Item key={run.id} asChild className={ITEM}>
                <a
                  href={hrefOf({ page: 'editor', graphId, runId: run.id })}
                  data-testid="run-history-item"
                  data-run-id={run.id}
                  aria-current={run.id === shown ? 'true' : undefined}
                >
                  <look.Icon aria-hidden className={`size-4 shrink-0 ${look.text}`} />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate">
                      {look.label} · v{run.graphVersion} · {formatWhen(run.createdAt)}
                    </span>
                    <span className="block truncate text-xs text-slate-500">
                      {shortId(run.id)} · <UserName id={run.startedBy} workspaceId={workspaceId} />
                      {ms === undefined ? '' : ` · ${formatDuration(ms)}`}
                    </span>
                  </span>
                </a>
              </DropdownMenu.Item>
            );
          })}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
