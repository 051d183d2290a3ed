import { useId } from 'react';
import { FieldShell } from '../editor/inspector/fields';
import { hintLabel } from './credentialText';
import { useCredentialList } from './useCredentials';
import { useCredentialWorkspace } from './CredentialWorkspace';

export interface CredentialFieldProps {
  label: string;
  required?: boolean | undefined;
  description?: string | undefined;
  errors: readonly string[];
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}

/**
 * A node's `credential` config field: free text, offering the names of the graph's workspace
 * (a combobox), and saying so when the name is not one of them.
 */
export function CredentialField(props: CredentialFieldProps) {
  const { value, onChange, required } = props;
  const listId = useId();
  const { workspaceId, canList } = useCredentialWorkspace();
  const names = useCredentialList(workspaceId, canList);
  const known = names.data ?? [];
  const unknown = value !== undefined && names.isSuccess && !known.some((c) => c.name === value);
  return (
    <FieldShell {...props}>
      {({ id, describedBy, invalid, className }) => (
        <>
          <input
            id={id}
            type="text"
            list={listId}
            value={value ?? ''}
            placeholder={known.length > 0 ? 'Pick or type a credential name' : 'Credential name'}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={describedBy}
            aria-invalid={invalid}
            aria-required={required}
            onChange={(e) =>
              onChange(e.target.value === '' && !required ? undefined : e.target.value)
            }
            className={`${className} font-mono`}
          />
          <datalist id={listId}>
            {known.map((credential) => (
              <option key={credential.name} value={credential.name}>
                {hintLabel(credential.hint)}
              </option>
            ))}
          </datalist>
          {unknown && (
            <p className="text-[11px] text-amber-700 dark:text-amber-400">
              No credential named &quot;{value}&quot; in this workspace:{' '}
              <a className="underline" href="#/settings/credentials">
                add it in Credentials
              </a>
              .
            </p>
          )}
        </>
      )}
    </FieldShell>
  );
}
