import { Activity, Moon, Sun, Workflow } from 'lucide-react';
import { EditorPage } from './features/editor/EditorPage';
import { GraphsPage } from './features/graphs/GraphsPage';
import { MetricsPage } from './features/observability/MetricsPage';
import { hrefOf, useRoute } from './lib/route';
import { useTheme } from './lib/theme';

export function App() {
  const route = useRoute();
  const [theme, setTheme] = useTheme();
  return (
    <div className="flex h-full flex-col bg-white text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 px-4 dark:border-slate-800">
        <a href={hrefOf({ page: 'graphs' })} className="flex items-center gap-2 font-semibold">
          <Workflow aria-hidden className="size-5 text-sky-600" />
          Beluga Orchestration
        </a>
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
      </header>
      <main className="min-h-0 flex-1">
        {route.page === 'graphs' ? (
          <GraphsPage />
        ) : route.page === 'metrics' ? (
          <MetricsPage />
        ) : (
          <EditorPage graphId={route.graphId} {...(route.runId ? { runId: route.runId } : {})} />
        )}
      </main>
    </div>
  );
}
