import { useState } from 'react';
import { toast } from '../../components/toast';
import { errorInfo } from '../../lib/trpc';
import { Section } from '../account/ui/Section';
import { ConfirmDialog } from '../graphs/ui/ConfirmDialog';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { roleCan, type Membership } from '../workspaces/permissions';
import { useCurrentWorkspace } from '../workspaces/WorkspaceContext';
import { CredentialForm } from './CredentialForm';
import { CredentialList } from './CredentialList';
import { useCredentialActions, useCredentialList } from './useCredentials';

/** `#/settings/credentials`: the current workspace's credentials. */
export function CredentialsPage() {
  const workspace = useCurrentWorkspace();
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-3xl p-6">
        <h1 className="text-xl font-semibold">Credentials</h1>
        <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
          {workspace.name} · API keys and passwords that nodes name (LLM chat, HTTP request auth).
          Values are encrypted at rest, used only by this workspace&apos;s runs, and kept out of
          their events, outputs and logs.
        </p>
        {roleCan(workspace.role, 'edit') ? (
          // Remounted per workspace: nothing typed for one workspace is sent to another.
          <WorkspaceCredentials key={workspace.workspaceId} workspace={workspace} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Your role here is {workspace.role}: editors and above see the credential names.
          </p>
        )}
      </div>
    </div>
  );
}

function WorkspaceCredentials({ workspace }: { workspace: Membership }) {
  const manage = roleCan(workspace.role, 'manage');
  const list = useCredentialList(workspace.workspaceId);
  const { remove } = useCredentialActions(workspace.workspaceId);
  const [replacing, setReplacing] = useState<string>();
  const [deleting, setDeleting] = useState<string>();
  const confirmDelete = (name: string) =>
    remove.mutate(name, {
      onSuccess: () => toast({ tone: 'success', title: `Deleted "${name}"` }),
      onError: (error) =>
        toast({ tone: 'error', title: 'Not deleted', description: errorInfo(error).message }),
    });
  return (
    <>
      {manage && (
        <Section title={replacing ? `Replace "${replacing}"` : 'Add a credential'}>
          <CredentialForm
            key={replacing ?? 'new'}
            workspaceId={workspace.workspaceId}
            replacing={replacing}
            {...(replacing ? { onDone: () => setReplacing(undefined) } : {})}
          />
        </Section>
      )}
      <Section title="In this workspace">
        {list.isPending ? (
          <p className="text-sm text-slate-500">Loading credentials…</p>
        ) : list.isError ? (
          <ErrorNote message={errorInfo(list.error).message} />
        ) : (
          <CredentialList
            credentials={list.data}
            {...(manage ? { onReplace: setReplacing, onDelete: setDeleting } : {})}
          />
        )}
      </Section>
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => !open && setDeleting(undefined)}
        title={`Delete "${deleting ?? ''}"?`}
        description="Nodes that name it fail until a credential of that name is added again. Its value cannot be recovered."
        confirmLabel="Delete"
        danger
        onConfirm={() => deleting && confirmDelete(deleting)}
      />
    </>
  );
}
