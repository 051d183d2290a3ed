import { useQuery } from '@tanstack/react-query';
import { Eye, LinkIcon } from 'lucide-react';
import { api, errorInfo } from '../../lib/trpc';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { fullTime, timeAgo } from '../graphs/ui/formatTime';
import { ImportCopy } from './ImportCopy';
import { SharedCanvas } from './SharedCanvas';

/**
 * The page a share link opens (`#/shared/<token>`), signed in or not: the graph as it is now,
 * read-only, and "Import a copy" for signed-in users.
 */
export function SharedGraphPage({ token }: { token: string }) {
  const view = useQuery({
    queryKey: ['shared', token],
    queryFn: () => api.shared.view.query({ token }),
    retry: false,
  });
  if (view.isPending) return <p className="p-6 text-sm text-slate-500">Loading…</p>;
  if (view.isError) {
    if (errorInfo(view.error).errorCode === 'NOT_FOUND') return <InvalidLink />;
    return (
      <div className="m-6">
        <ErrorNote message={errorInfo(view.error).message} />
      </div>
    );
  }
  const graph = view.data;
  return (
    <div className="flex h-full flex-col">
      <div className="flex shrink-0 items-start gap-4 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-base font-semibold">{graph.name}</h1>
          <p className="flex items-center gap-1 text-xs text-slate-500">
            <Eye className="size-3.5" aria-hidden />
            <span>
              Read-only · version {graph.version} · saved{' '}
              <time dateTime={String(graph.updatedAt)} title={fullTime(graph.updatedAt)}>
                {timeAgo(graph.updatedAt)}
              </time>
            </span>
          </p>
          {graph.description && (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{graph.description}</p>
          )}
        </div>
        <ImportCopy token={token} />
      </div>
      <section aria-label="Canvas" className="relative min-h-0 flex-1">
        <SharedCanvas document={graph.document} />
      </section>
    </div>
  );
}

function InvalidLink() {
  return (
    <div role="alert" className="mx-auto mt-16 max-w-md space-y-2 p-6 text-center">
      <LinkIcon className="mx-auto size-8 text-slate-400" aria-hidden />
      <h1 className="text-lg font-semibold">This link is no longer valid</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        It may have been revoked, or its graph deleted. Ask whoever shared it for a new link.
      </p>
    </div>
  );
}
