import type { GraphDocument, ValidationResult } from '@beluga/graph';
import { CircleCheck, TriangleAlert } from 'lucide-react';
import type { ReportProblem } from './analyzeImport';

/** The problems of a document: code, place and message, one per row. */
export function ProblemList({ problems, label }: { problems: ReportProblem[]; label: string }) {
  return (
    <ul aria-label={label} className="flex flex-col gap-1 text-sm">
      {problems.map((problem, index) => (
        <li
          key={index}
          className="rounded-md border border-amber-200 bg-amber-50 px-2 py-1.5 dark:border-amber-900 dark:bg-amber-950/40"
        >
          <code className="mr-2 rounded bg-amber-100 px-1 text-xs font-semibold dark:bg-amber-900/60">
            {problem.code}
          </code>
          {problem.place && (
            <span className="mr-2 font-mono text-xs text-slate-600 dark:text-slate-400">
              {problem.place}
            </span>
          )}
          <span>{problem.message}</span>
        </li>
      ))}
    </ul>
  );
}

/** What a readable document contains and how it would run. */
export function PlanSummary(props: { document: GraphDocument; validation: ValidationResult }) {
  const { document, validation } = props;
  const plan = validation.plan;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="text-slate-500">Nodes</dt>
      <dd>{document.nodes.length}</dd>
      <dt className="text-slate-500">Edges</dt>
      <dd>{document.edges.length}</dd>
      <dt className="text-slate-500">Plan</dt>
      <dd>
        {plan
          ? `${plan.layers.length} ${plan.layers.length === 1 ? 'layer' : 'layers'}, widest ${Math.max(0, ...plan.layers.map((layer) => layer.length))} in parallel`
          : 'none (the graph has a cycle)'}
      </dd>
      {plan && plan.criticalPath.length > 0 && (
        <>
          <dt className="text-slate-500">Critical path</dt>
          <dd className="font-mono text-xs">{plan.criticalPath.join(' → ')}</dd>
        </>
      )}
    </dl>
  );
}

export function ValidityBadge({ valid, count }: { valid: boolean; count: number }) {
  return valid ? (
    <p className="flex items-center gap-1.5 text-sm text-emerald-700 dark:text-emerald-400">
      <CircleCheck className="size-4" aria-hidden /> Valid: ready to run.
    </p>
  ) : (
    <p className="flex items-center gap-1.5 text-sm text-amber-700 dark:text-amber-400">
      <TriangleAlert className="size-4" aria-hidden />
      {count} {count === 1 ? 'problem' : 'problems'} to fix before it can run (it can still be
      imported and fixed in the editor).
    </p>
  );
}
