import { Copy, Link2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { toast } from '../../components/toast';
import { api } from '../../lib/trpc';
import { fullTime, timeAgo } from '../graphs/ui/formatTime';
import { shareLinkUrl, useSharingMutation, type SharingList } from './shareQueries';

/** Read-only links: made and revoked by the graph's admins; a new one is shown once. */
export function ShareLinks({ graphId, list }: { graphId: string; list: SharingList }) {
  const [fresh, setFresh] = useState<string>();
  const create = useSharingMutation(
    graphId,
    () => api.sharing.createLink.mutate({ id: graphId }),
    'Could not create a link',
  );
  const revoke = useSharingMutation(
    graphId,
    (linkId: string) => api.sharing.revokeLink.mutate({ id: graphId, linkId }),
    'Could not revoke the link',
  );
  if (!list.canManage) return null;
  const open = list.links.filter((link) => link.revokedAt === null);
  return (
    <section aria-labelledby="share-links" className="space-y-2">
      <h3 id="share-links" className="text-sm font-semibold">
        Links
      </h3>
      <p className="text-sm text-slate-500">
        Anyone with a link can view this graph read-only — not its runs — until it is revoked.
      </p>
      {fresh && (
        <div className="space-y-1 rounded-md border border-sky-200 bg-sky-50 p-2 dark:border-sky-900 dark:bg-sky-950/50">
          <div className="flex gap-2">
            <input
              readOnly
              aria-label="New share link"
              className="h-8 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
              value={fresh}
              onFocus={(event) => event.target.select()}
            />
            <Button
              size="sm"
              icon={<Copy className="size-4" aria-hidden />}
              onClick={() =>
                void navigator.clipboard
                  .writeText(fresh)
                  .then(() => toast({ tone: 'success', title: 'Link copied' }))
              }
            >
              Copy
            </Button>
          </div>
          <p className="text-xs text-slate-600 dark:text-slate-300">
            Copy it now: it is not shown again.
          </p>
        </div>
      )}
      <ul className="divide-y divide-slate-200 dark:divide-slate-800">
        {open.map((link) => (
          <li key={link.id} className="flex items-center gap-2 py-1.5 text-sm">
            <Link2 className="size-4 text-slate-500" aria-hidden />
            <span className="flex-1" title={fullTime(link.createdAt)}>
              Link made {timeAgo(link.createdAt)}
              {link.createdByName ? ` by ${link.createdByName}` : ''}
            </span>
            <Button size="sm" variant="ghost" onClick={() => revoke.mutate(link.id)}>
              Revoke
            </Button>
          </li>
        ))}
      </ul>
      <Button
        size="sm"
        icon={<Link2 className="size-4" aria-hidden />}
        disabled={create.isPending}
        onClick={() =>
          create.mutate(undefined, {
            onSuccess: ({ token }) => setFresh(shareLinkUrl(token, window.location)),
          })
        }
      >
        Create a link
      </Button>
    </section>
  );
}
