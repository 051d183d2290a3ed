import { useInfiniteQuery } from '@tanstack/react-query';
import { Button } from '../../components/Button';
import { api, errorInfo } from '../../lib/trpc';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { fullTime, timeAgo } from '../graphs/ui/formatTime';
import { useCurrentWorkspace } from '../workspaces/WorkspaceContext';
import { roleCan } from '../workspaces/permissions';
import { actionLabel, detailsText, targetLabel } from './auditFormat';

type Cursor = { createdAt: string; id: string };

/** `#/settings/audit`: the current workspace's audit log, newest first (admins only). */
export function AuditLogPage() {
  const workspace = useCurrentWorkspace();
  const allowed = roleCan(workspace.role, 'manage');
  const log = useInfiniteQuery({
    queryKey: ['audit', workspace.workspaceId],
    queryFn: ({ pageParam }) =>
      api.audit.list.query({
        workspaceId: workspace.workspaceId,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: undefined as Cursor | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: allowed,
  });
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];
  return (
    <div className="mx-auto max-w-5xl space-y-4 p-6">
      <div>
        <h1 className="text-xl font-semibold">Audit log</h1>
        <p className="text-sm text-slate-500">
          Sharing, links, members and roles, credentials and deletions in {workspace.name}.
        </p>
      </div>
      {!allowed && (
        <ErrorNote message={`Your role here is ${workspace.role}: the audit log is for admins.`} />
      )}
      {log.isError && <ErrorNote message={errorInfo(log.error).message} />}
      {log.isPending && allowed && <p className="text-sm text-slate-500">Loading…</p>}
      {log.isSuccess && entries.length === 0 && (
        <p className="text-sm text-slate-500">Nothing recorded yet.</p>
      )}
      {entries.length > 0 && (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs text-slate-500 dark:border-slate-800">
            <tr>
              <th className="py-2 pr-3 font-medium">When</th>
              <th className="py-2 pr-3 font-medium">Who</th>
              <th className="py-2 pr-3 font-medium">Action</th>
              <th className="py-2 pr-3 font-medium">Target</th>
              <th className="py-2 font-medium">Details</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {entries.map((entry) => (
              <tr key={entry.id} data-action={entry.action}>
                <td className="py-2 pr-3 whitespace-nowrap">
                  <time dateTime={String(entry.createdAt)} title={fullTime(entry.createdAt)}>
                    {timeAgo(entry.createdAt)}
                  </time>
                </td>
                <td className="py-2 pr-3">{entry.actorName ?? 'A removed user'}</td>
                <td className="py-2 pr-3">{actionLabel(entry.action)}</td>
                <td className="py-2 pr-3">{targetLabel(entry)}</td>
                <td className="py-2 text-slate-600 dark:text-slate-300">{detailsText(entry)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log.hasNextPage && (
        <Button disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
          {log.isFetchingNextPage ? 'Loading…' : 'Show older entries'}
        </Button>
      )}
    </div>
  );
}
