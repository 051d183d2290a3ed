import { useState } from 'react';
import { Button } from '../../components/Button';
import { errorInfo } from '../../lib/trpc';
import { Field } from '../account/ui/Field';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { useCreateWorkspace } from './useCreateWorkspace';

export interface NewWorkspaceFormProps {
  onCreated: (workspaceId: string) => void;
  onCancel?: () => void;
}

/** Names a new workspace, which the user owns. */
export function NewWorkspaceForm({ onCreated, onCancel }: NewWorkspaceFormProps) {
  const [name, setName] = useState('');
  const create = useCreateWorkspace(onCreated);
  const trimmed = name.trim();
  return (
    <form
      className="flex flex-col gap-3"
      aria-label="New workspace"
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed) create.mutate(trimmed);
      }}
    >
      <Field label="Name" required maxLength={200} autoFocus value={name} onChange={setName} />
      {create.isError && <ErrorNote message={errorInfo(create.error).message} />}
      <div className="flex justify-end gap-2">
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
        <Button type="submit" variant="primary" disabled={!trimmed || create.isPending}>
          Create workspace
        </Button>
      </div>
    </form>
  );
}
