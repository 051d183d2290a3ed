import { Section } from '../account/ui/Section';
import { WorkspaceIdNote } from '../sharing/WorkspaceIdNote';
import { Invitations } from './Invitations';
import { MembersTable } from './MembersTable';
import { roleCan } from './permissions';
import { RenameWorkspaceForm } from './RenameWorkspaceForm';
import { useCurrentWorkspace } from './WorkspaceContext';

/** `#/settings/workspace`: the current workspace's name, members and invitations. */
export function WorkspaceSettingsPage() {
  const workspace = useCurrentWorkspace();
  const manage = roleCan(workspace.role, 'manage');
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-3xl p-6">
        <h1 className="text-xl font-semibold">Workspace settings</h1>
        <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
          {workspace.name} · your role: {workspace.role}
        </p>
        {manage && (
          <Section title="Name">
            <RenameWorkspaceForm key={workspace.workspaceId} workspace={workspace} />
          </Section>
        )}
        <Section title="Sharing">
          <WorkspaceIdNote workspaceId={workspace.workspaceId} />
        </Section>
        <Section title="Members">
          <MembersTable key={workspace.workspaceId} workspace={workspace} />
        </Section>
        {manage && (
          <Section title="Invitations">
            <Invitations key={workspace.workspaceId} workspace={workspace} />
          </Section>
        )}
      </div>
    </div>
  );
}
