import type { ValidationProblem } from '@beluga/graph';
import { CircleCheck, LoaderCircle, TriangleAlert } from 'lucide-react';
import { useComparing } from '../../history/compareStore';
import { useRunView } from '../../runs/runStore';
import type { EditorActions } from '../useEditorActions';
import { useValidation } from './validationStore';

/** What a past run's problems are: those of the version it ran, or none when it is not stored. */
function useRunVersion(): { version: number | undefined; state: 'loading' | 'gone' | 'shown' } {
  const version = useRunView((state) => state.run?.graphVersion);
  const loaded = useRunView((state) => state.run !== undefined);
  const drawn = useRunView((state) => state.runDocument !== undefined);
  return { version, state: drawn ? 'shown' : loaded ? 'gone' : 'loading' };
}

const NOTE =
  'mx-3 mt-2 rounded-md bg-slate-100 p-2 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200';

/** While a past run is open: whose problems these are. */
function RunVersionNote({ version, state }: ReturnType<typeof useRunVersion>) {
  const text =
    state === 'loading'
      ? 'Loading the graph version this run ran…'
      : state === 'gone'
        ? `Version ${version ?? '?'}, which this run ran, is no longer stored: its problems cannot be shown. The problems of the graph being edited are back after “Back to editing”.`
        : `Problems of version ${version ?? '?'}, the version this run ran — not of the graph being edited.`;
  return (
    <p data-testid="problems-run-version" data-state={state} className={NOTE}>
      {text}
    </p>
  );
}

function PlanSummary() {
  const plan = useValidation((state) => state.plan);
  if (!plan) return null;
  return (
    <p data-testid="plan-summary" className="px-3 pb-2 text-xs text-slate-500">
      {plan.layers.length} parallel layer{plan.layers.length === 1 ? '' : 's'} · critical path{' '}
      {plan.criticalPath.join(' → ')} (~{plan.criticalPathMs} ms). Press P to show it on the canvas.
    </p>
  );
}

function targetOf(problem: ValidationProblem): string | undefined {
  if (problem.edgeId) return `edge ${problem.edgeId}`;
  if (problem.nodeId) return `node ${problem.nodeId}`;
  return undefined;
}

/** Every problem of the drawn graph; a click selects and shows what it points at. */
export function ProblemsPanel({ actions }: { actions: EditorActions }) {
  const problems = useValidation((state) => state.problems);
  const error = useValidation((state) => state.error);
  const pending = useValidation((state) => state.pending);
  const checked = useValidation((state) => state.checked);
  const comparing = useComparing();
  const viewingRun = useRunView((state) => state.readOnly) && !comparing;
  const run = useRunVersion();
  const nothingToCheck = comparing || (viewingRun && run.state !== 'shown');
  return (
    <div className="flex flex-col">
      {viewingRun && <RunVersionNote {...run} />}
      {comparing && (
        <p data-testid="problems-comparing" className={NOTE}>
          Comparing versions: nothing is checked. The problems of the graph being edited are back
          after “Back to editing”.
        </p>
      )}
      <div className="flex items-center gap-2 px-3 py-2 text-xs text-slate-500" aria-live="polite">
        {pending && <LoaderCircle aria-hidden className="size-3.5 animate-spin" />}
        {error || nothingToCheck ? null : !checked ? (
          <span>Checking the graph…</span>
        ) : problems.length === 0 ? (
          <span className="flex items-center gap-1 text-emerald-700 dark:text-emerald-400">
            <CircleCheck aria-hidden className="size-3.5" /> No problems: the graph can run.
          </span>
        ) : (
          <span>
            {problems.length} problem{problems.length > 1 ? 's' : ''}
          </span>
        )}
      </div>
      {error && (
        <p
          role="alert"
          className="mx-3 mb-2 rounded-md bg-red-50 p-2 text-xs text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          The graph could not be checked: {error}
        </p>
      )}
      <PlanSummary />
      <ul aria-label="Problems" className="flex flex-col">
        {problems.map((problem, i) => {
          const target = targetOf(problem);
          return (
            <li key={i}>
              <button
                type="button"
                data-testid="problem"
                data-code={problem.code}
                disabled={!target}
                onClick={() =>
                  actions.focusElement({ nodeId: problem.nodeId, edgeId: problem.edgeId })
                }
                className="flex w-full gap-2 border-t border-slate-100 px-3 py-2 text-left text-xs hover:bg-slate-50 focus-visible:bg-sky-50 focus-visible:outline-none disabled:cursor-default disabled:hover:bg-transparent dark:border-slate-800 dark:hover:bg-slate-900 dark:focus-visible:bg-sky-950"
              >
                <TriangleAlert aria-hidden className="mt-0.5 size-3.5 shrink-0 text-red-600" />
                <span className="min-w-0">
                  <span className="block">{problem.message}</span>
                  <span className="block font-mono text-[10px] text-slate-400">
                    {problem.code}
                    {target ? ` · ${target}` : ''}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
