import { DIFF_LOOK, MARKED_STATES, type MarkedState } from './diffLook';
import type { VersionComparison } from './versionDiff';
import { summarizeComparison } from './versionDiff';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function countOf(state: MarkedState, { counts }: VersionComparison) {
  const nodes = counts.nodes[state];
  const edges = counts.edges[state];
  const title =
    state === 'moved'
      ? plural(nodes, 'node')
      : `${plural(nodes, 'node')}, ${plural(edges, 'edge')}`;
  return { total: nodes + edges, title };
}

/** What each colour means, with how many nodes and edges have it; the summary is announced. */
export function DiffLegend({ comparison }: { comparison: VersionComparison }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
      <ul aria-label="Legend" className="flex flex-wrap items-center gap-1.5">
        {MARKED_STATES.map((state) => {
          const look = DIFF_LOOK[state];
          const { total, title } = countOf(state, comparison);
          return (
            <li
              key={state}
              data-testid={`diff-count-${state}`}
              title={title}
              className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 ${look.badge}`}
            >
              <look.Icon aria-hidden className="size-3" />
              {look.label} {total}
            </li>
          );
        })}
      </ul>
      <p role="status" data-testid="compare-summary" className="text-slate-600 dark:text-slate-300">
        {summarizeComparison(comparison)}
      </p>
    </div>
  );
}
