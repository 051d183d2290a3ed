import { Activity, Moon, Sun, Workflow } from 'lucide-react';
import { Toaster } from './components/Toaster';
import { AcceptInvitationPage } from './features/account/AcceptInvitationPage';
import { AccountMenu } from './features/account/AccountMenu';
import { AccountSettingsPage } from './features/account/AccountSettingsPage';
import { AuthGate } from './features/account/AuthGate';
import { AuditLogPage } from './features/audit/AuditLogPage';
import { CredentialsPage } from './features/credentials/CredentialsPage';
import { EditorPage } from './features/editor/EditorPage';
import { GraphsPage } from './features/graphs/GraphsPage';
import { MetricsPage } from './features/observability/MetricsPage';
import { SharedGraphPage } from './features/sharing/SharedGraphPage';
import { WorkspaceProvider } from './features/workspaces/WorkspaceProvider';
import { WorkspaceSettingsPage } from './features/workspaces/WorkspaceSettingsPage';
import { WorkspaceSwitcher } from './features/workspaces/WorkspaceSwitcher';
import { hrefOf, useRoute, type Route } from './lib/route';
import { useTheme, type Theme } from './lib/theme';

function Header({ theme, setTheme }: { theme: Theme; setTheme: (theme: Theme) => void }) {
  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 px-4 dark:border-slate-800">
      <a href={hrefOf({ page: 'graphs' })} className="flex items-center gap-2 font-semibold">
        <Workflow aria-hidden className="size-5 text-sky-600" />
        Beluga Orchestration
      </a>
      <WorkspaceSwitcher />
      <div className="flex-1" />
      <a
        href={hrefOf({ page: 'metrics' })}
        className="flex items-center gap-1 rounded p-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
      >
        <Activity aria-hidden className="size-4" />
        Metrics
      </a>
      <button
        type="button"
        className="rounded p-1.5 hover:bg-slate-100 dark:hover:bg-slate-800"
        aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        {theme === 'dark' ? <Sun className="size-4" /> : <Moon className="size-4" />}
      </button>
      <AccountMenu />
    </header>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'graphs':
      return <GraphsPage />;
    case 'metrics':
      return <MetricsPage />;
    case 'invite':
      return <AcceptInvitationPage token={route.token} />;
    case 'settings':
      if (route.section === 'audit') return <AuditLogPage />;
      if (route.section === 'credentials') return <CredentialsPage />;
      return route.section === 'workspace' ? <WorkspaceSettingsPage /> : <AccountSettingsPage />;
    case 'shared':
      return <SharedGraphPage token={route.token} />;
    case 'editor':
      return (
        <EditorPage graphId={route.graphId} {...(route.runId ? { runId: route.runId } : {})} />
      );
  }
}

export function App() {
  const route = useRoute();
  const [theme, setTheme] = useTheme();
  return (
    <div className="flex h-full flex-col bg-white text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      {route.page === 'shared' ? (
        // A share link opens without signing in.
        <main className="min-h-0 flex-1">
          <SharedGraphPage token={route.token} />
        </main>
      ) : (
        <AuthGate>
          <WorkspaceProvider>
            <Header theme={theme} setTheme={setTheme} />
            <main className="min-h-0 flex-1">
              <Page route={route} />
            </main>
          </WorkspaceProvider>
        </AuthGate>
      )}
      <Toaster />
    </div>
  );
}
