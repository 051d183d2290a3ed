import { DiffBadge } from './DiffMarks';
import { formatChange, type ValueChange } from './valueChanges';
import type { ElementDiff, VersionComparison } from './versionDiff';
import type { MarkedState } from './diffLook';
import type { FitCompared } from './useCompareCanvas';

interface Row {
  key: string;
  state: MarkedState;
  title: string;
  changes: ValueChange[];
  /** The nodes to bring into view. */
  nodeIds: string[];
}

function marked(diffs: ReadonlyMap<string, ElementDiff>) {
  return [...diffs].flatMap(([id, diff]) =>
    diff.state === 'unchanged' ? [] : [{ id, state: diff.state, changes: diff.changes }],
  );
}

function rowsOf({ document, nodes, edges }: VersionComparison): Row[] {
  const nodeName = (id: string) => {
    const label = document.nodes.find((node) => node.id === id)?.label;
    return label ? `${label} (${id})` : id;
  };
  const edgeEnds = new Map(document.edges.map((edge) => [edge.id, edge]));
  return [
    ...marked(nodes).map((item) => ({
      ...item,
      key: `node:${item.id}`,
      title: `Node ${nodeName(item.id)}`,
      nodeIds: [item.id],
    })),
    ...marked(edges).map((item) => {
      const edge = edgeEnds.get(item.id);
      const ends = edge ? [edge.source, edge.target] : [];
      return {
        ...item,
        key: `edge:${item.id}`,
        title: `Edge ${ends.join(' → ') || item.id}`,
        nodeIds: ends,
      };
    }),
  ];
}

/**
 * Every difference in words, one row per node or edge with each value that changed; a row
 * brings its element into view. The graph's own changes (name, settings, notes) come last.
 */
export function ChangeList({
  comparison,
  show,
}: {
  comparison: VersionComparison;
  show: FitCompared;
}) {
  const rows = rowsOf(comparison);
  const total = rows.length + comparison.properties.length;
  if (total === 0) return null;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-slate-600 select-none dark:text-slate-300">
        All changes ({total})
      </summary>
      <ul aria-label="All changes" className="mt-1 flex max-h-48 flex-col gap-1 overflow-y-auto">
        {rows.map((row) => (
          <li key={row.key}>
            <button
              type="button"
              className="flex w-full flex-col items-start gap-0.5 rounded px-1 py-0.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
              onClick={() => show(row.nodeIds)}
            >
              <span className="flex items-center gap-1.5">
                <DiffBadge state={row.state} />
                <span className="font-medium">{row.title}</span>
              </span>
              {row.changes.map((change) => (
                <span key={change.path} className="pl-2 font-mono text-[11px] break-all">
                  {formatChange(change)}
                </span>
              ))}
            </button>
          </li>
        ))}
        {comparison.properties.map((change) => (
          <li key={`graph:${change.path}`} className="px-1 font-mono text-[11px] break-all">
            Graph {formatChange(change)}
          </li>
        ))}
      </ul>
    </details>
  );
}
