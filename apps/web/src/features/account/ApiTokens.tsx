import { KeyRound, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../graphs/ui/ConfirmDialog';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { fullTime, timeAgo } from '../graphs/ui/formatTime';
import { authErrorMessage } from './authMessages';
import { CreateTokenForm } from './CreateTokenForm';
import { CopyField } from './ui/CopyField';
import { useApiTokens } from './useApiTokens';

const CELL = 'px-3 py-2 text-left';

/**
 * API tokens: for scripts and the CLI, sent as `Authorization: Bearer <token>`. A new token is
 * shown once, here, and never again (the server keeps only its hash).
 */
export function ApiTokens() {
  const { list, create, remove } = useApiTokens();
  const [created, setCreated] = useState<{ name: string; key: string }>();
  const [deleting, setDeleting] = useState<{ id: string; name: string }>();
  return (
    <div className="flex flex-col gap-4">
      <CreateTokenForm
        busy={create.isPending}
        error={create.isError ? authErrorMessage(create.error) : undefined}
        onCreate={(input) =>
          create.mutate(input, {
            onSuccess: (token) => setCreated({ name: input.name, key: token.key }),
          })
        }
      />
      {created && (
        <div
          role="status"
          className="flex flex-col gap-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950/40"
        >
          <p className="font-medium">
            Copy the token "{created.name}" now: it is shown only this once.
          </p>
          <CopyField label="New API token" value={created.key} />
          <Button className="self-end" size="sm" onClick={() => setCreated(undefined)}>
            Done
          </Button>
        </div>
      )}
      {list.isError && <ErrorNote message={authErrorMessage(list.error)} />}
      {list.data?.length === 0 && <p className="text-sm text-slate-500">No API tokens.</p>}
      {list.data && list.data.length > 0 && (
        <table className="w-full text-sm" aria-label="API tokens">
          <thead className="border-b border-slate-200 text-xs text-slate-500 dark:border-slate-800">
            <tr>
              <th className={CELL}>Name</th>
              <th className={CELL}>Starts with</th>
              <th className={CELL}>Created</th>
              <th className={CELL}>Expires</th>
              <th className={CELL}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {list.data.map((token) => {
              const name = token.name ?? 'Unnamed';
              return (
                <tr key={token.id}>
                  <td className={CELL}>
                    <span className="flex items-center gap-1.5">
                      <KeyRound aria-hidden className="size-3.5 text-slate-400" /> {name}
                    </span>
                  </td>
                  <td className={`${CELL} font-mono text-xs`}>{token.start ?? '—'}…</td>
                  <td className={CELL} title={fullTime(token.createdAt)}>
                    {timeAgo(token.createdAt)}
                  </td>
                  <td className={CELL}>{token.expiresAt ? fullTime(token.expiresAt) : 'Never'}</td>
                  <td className={`${CELL} text-right`}>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Delete the token ${name}`}
                      icon={<Trash2 aria-hidden className="size-3.5" />}
                      disabled={remove.isPending}
                      onClick={() => setDeleting({ id: token.id, name })}
                    >
                      Delete
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => !open && setDeleting(undefined)}
        title={`Delete the token "${deleting?.name ?? ''}"?`}
        description="Scripts using it are refused from now on. This cannot be undone."
        confirmLabel="Delete token"
        danger
        onConfirm={() => deleting && remove.mutate(deleting)}
      />
    </div>
  );
}
