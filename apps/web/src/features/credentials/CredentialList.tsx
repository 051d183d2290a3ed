import { KeyRound, Trash2 } from 'lucide-react';
import { Button } from '../../components/Button';
import { fullTime, isoTime, timeAgo } from '../graphs/ui/formatTime';
import { hintLabel } from './credentialText';
import type { Credential } from './useCredentials';

const CELL = 'px-3 py-2 text-left';

export interface CredentialListProps {
  credentials: readonly Credential[];
  /** Offered to admins and owners only. */
  onReplace?: ((name: string) => void) | undefined;
  onDelete?: ((name: string) => void) | undefined;
}

/** Names, hints and who changed each credential when: never a value (the API has none to give). */
export function CredentialList({ credentials, onReplace, onDelete }: CredentialListProps) {
  if (credentials.length === 0)
    return <p className="text-sm text-slate-500">No credentials in this workspace yet.</p>;
  return (
    <table className="w-full text-sm" aria-label="Credentials">
      <thead className="border-b border-slate-200 text-xs text-slate-500 dark:border-slate-800">
        <tr>
          <th className={CELL}>Name</th>
          <th className={CELL}>Starts with</th>
          <th className={CELL}>Updated</th>
          {(onReplace || onDelete) && (
            <th className={CELL}>
              <span className="sr-only">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
        {credentials.map((credential) => (
          <tr key={credential.name}>
            <td className={`${CELL} font-mono`}>{credential.name}</td>
            <td className={`${CELL} font-mono text-slate-500`}>{hintLabel(credential.hint)}</td>
            <td className={CELL}>
              <time dateTime={isoTime(credential.updatedAt)} title={fullTime(credential.updatedAt)}>
                {timeAgo(credential.updatedAt)}
              </time>{' '}
              <span className="text-slate-500">
                by {credential.updatedBy.name ?? 'a former member'}
              </span>
            </td>
            {(onReplace || onDelete) && (
              <td className={`${CELL} text-right whitespace-nowrap`}>
                {onReplace && (
                  <Button
                    size="sm"
                    variant="ghost"
                    icon={<KeyRound className="size-3.5" aria-hidden />}
                    aria-label={`Replace the value of ${credential.name}`}
                    onClick={() => onReplace(credential.name)}
                  >
                    Replace
                  </Button>
                )}
                {onDelete && (
                  <Button
                    size="sm"
                    variant="ghost"
                    icon={<Trash2 className="size-3.5" aria-hidden />}
                    aria-label={`Delete ${credential.name}`}
                    onClick={() => onDelete(credential.name)}
                  >
                    Delete
                  </Button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
