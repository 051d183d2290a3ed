import type { ValidationProblem } from '@beluga/graph';
import { CircleCheck, LoaderCircle, TriangleAlert } from 'lucide-react';
import type { EditorActions } from '../useEditorActions';
import { useValidation } from './validationStore';

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
  return (
    <div className="flex flex-col">
      <div className="flex items-center gap-2 px-3 py-2 text-xs text-slate-500" aria-live="polite">
        {pending && <LoaderCircle aria-hidden className="size-3.5 animate-spin" />}
        {error ? null : problems.length === 0 ? (
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
