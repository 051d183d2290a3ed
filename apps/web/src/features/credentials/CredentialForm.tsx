import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { toast } from '../../components/toast';
import { errorInfo } from '../../lib/trpc';
import { Field } from '../account/ui/Field';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { nameProblem, valueProblem } from './credentialText';
import { useCredentialActions } from './useCredentials';

export interface CredentialFormProps {
  workspaceId: string;
  /** A credential whose value to replace: its name is fixed and the value field focused. */
  replacing?: string | undefined;
  onDone?: () => void;
}

/**
 * Adds a credential or replaces its value. The value lives in this form only until it is sent:
 * then the field is emptied, and nothing ever shows it again.
 */
export function CredentialForm({ workspaceId, replacing, onDone }: CredentialFormProps) {
  const { set } = useCredentialActions(workspaceId);
  const [name, setName] = useState(replacing ?? '');
  const [value, setValue] = useState('');
  const problem = nameProblem(name) ?? valueProblem(value);
  const submit = () =>
    set.mutate(
      { name, value },
      {
        onSuccess: (answer) => {
          setValue('');
          if (!replacing) setName('');
          toast({
            tone: 'success',
            title: answer.created
              ? `Added "${answer.name}"`
              : `Replaced the value of "${answer.name}"`,
          });
          onDone?.();
        },
      },
    );
  return (
    <form
      aria-label={replacing ? `Replace the value of ${replacing}` : 'Add a credential'}
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!problem && name && value) submit();
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <Field
          className="w-48"
          label="Name"
          required
          readOnly={replacing !== undefined}
          maxLength={100}
          value={name}
          onChange={setName}
          placeholder="openai"
          spellCheck={false}
        />
        <Field
          // The user asked to replace this value: its field is where they type next.
          autoFocus={replacing !== undefined}
          className="min-w-48 flex-1"
          label={replacing ? 'New value' : 'Value'}
          required
          type="password"
          autoComplete="off"
          spellCheck={false}
          maxLength={8192}
          value={value}
          onChange={setValue}
          hint="Encrypted on the server; nobody can read it back, you included."
        />
        <Button
          type="submit"
          variant="primary"
          icon={<KeyRound className="size-4" aria-hidden />}
          disabled={set.isPending || !name || !value || problem !== undefined}
        >
          {replacing ? 'Replace' : 'Add'}
        </Button>
        {replacing && onDone && (
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        )}
      </div>
      {problem && <p className="text-xs text-amber-700 dark:text-amber-400">{problem}</p>}
      {set.isError && <ErrorNote message={errorInfo(set.error).message} />}
    </form>
  );
}
