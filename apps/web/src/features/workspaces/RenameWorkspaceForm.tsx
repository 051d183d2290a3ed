import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { toast } from '../../components/toast';
import { api, errorInfo } from '../../lib/trpc';
import { Field } from '../account/ui/Field';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { ME_KEY } from './accountQueries';
import type { Membership } from './permissions';

/** Renames the workspace (admins and owners). */
export function RenameWorkspaceForm({ workspace }: { workspace: Membership }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(workspace.name);
  const rename = useMutation({
    mutationFn: (next: string) =>
      api.workspaces.rename.mutate({ workspaceId: workspace.workspaceId, name: next }),
    onSuccess: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      toast({ tone: 'success', title: `Renamed to "${answer.name}"` });
    },
  });
  const trimmed = name.trim();
  return (
    <form
      aria-label="Workspace name"
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed && trimmed !== workspace.name) rename.mutate(trimmed);
      }}
    >
      <div className="flex items-end gap-2">
        <Field
          className="flex-1"
          label="Workspace name"
          required
          maxLength={200}
          value={name}
          onChange={setName}
        />
        <Button type="submit" disabled={rename.isPending || !trimmed || trimmed === workspace.name}>
          Rename
        </Button>
      </div>
      {rename.isError && <ErrorNote message={errorInfo(rename.error).message} />}
    </form>
  );
}
