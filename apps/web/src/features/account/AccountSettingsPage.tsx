import { LogOut, MonitorX } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { toast } from '../../components/toast';
import { ConfirmDialog } from '../graphs/ui/ConfirmDialog';
import { useWorkspace } from '../workspaces/WorkspaceContext';
import { ApiTokens } from './ApiTokens';
import { authErrorMessage } from './authMessages';
import { signOut } from './signOut';
import { Section } from './ui/Section';

/** `#/settings/account`: who you are, your sessions and your API tokens. */
export function AccountSettingsPage() {
  const { me } = useWorkspace();
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  const leave = (everywhere: boolean) =>
    void signOut(everywhere).catch((error: unknown) =>
      toast({ tone: 'error', title: 'Could not sign out', description: authErrorMessage(error) }),
    );
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-3xl p-6">
        <h1 className="mb-6 text-xl font-semibold">Account</h1>
        <Section title="Profile">
          <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
            <dt className="text-slate-500">Name</dt>
            <dd>{me.user.name}</dd>
            <dt className="text-slate-500">Email</dt>
            <dd>{me.user.email}</dd>
            {me.instanceOwner && (
              <>
                <dt className="text-slate-500">Instance</dt>
                <dd>You own this instance.</dd>
              </>
            )}
          </dl>
        </Section>
        <Section title="Sessions">
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
            Signing out everywhere ends every session of your account, on every browser and device,
            this one included. API tokens keep working until deleted.
          </p>
          <div className="flex gap-2">
            <Button icon={<LogOut aria-hidden className="size-4" />} onClick={() => leave(false)}>
              Sign out
            </Button>
            <Button
              variant="danger"
              icon={<MonitorX aria-hidden className="size-4" />}
              onClick={() => setConfirmEverywhere(true)}
            >
              Sign out everywhere
            </Button>
          </div>
        </Section>
        <Section title="API tokens">
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
            Scripts and the CLI call the API as you with a token, sent as{' '}
            <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">
              Authorization: Bearer &lt;token&gt;
            </code>
            .
          </p>
          <ApiTokens />
        </Section>
      </div>
      <ConfirmDialog
        open={confirmEverywhere}
        onOpenChange={setConfirmEverywhere}
        title="Sign out everywhere?"
        description="Every session of your account ends now, this one included."
        confirmLabel="Sign out everywhere"
        danger
        onConfirm={() => leave(true)}
      />
    </div>
  );
}
