import type { CollectionDiff, DocumentDiff } from './documentDiff';
import { isEmptyDiff, summarizeDiff } from './documentDiff';

export interface DiffLabels {
  /** For ids in the second document only, e.g. "Only in theirs". */
  added: string;
  /** For ids in the first document only. */
  removed: string;
  changed: string;
}

function Part({ noun, part, labels }: { noun: string; part: CollectionDiff; labels: DiffLabels }) {
  const rows: [string, string[]][] = [
    [labels.added, part.added],
    [labels.removed, part.removed],
    [labels.changed, part.changed.map((item) => `${item.id} (${item.fields.join(', ')})`)],
  ];
  return rows
    .filter(([, ids]) => ids.length > 0)
    .map(([label, ids]) => (
      <li key={`${noun}-${label}`}>
        <span className="font-medium">
          {noun} {label.toLowerCase()}:
        </span>{' '}
        <span className="font-mono text-xs">{ids.join(', ')}</span>
      </li>
    ));
}

/** A difference between two documents: one summary line, then the ids by kind of change. */
export function DiffDetails({ diff, labels }: { diff: DocumentDiff; labels: DiffLabels }) {
  return (
    <div className="flex flex-col gap-1 text-sm">
      <p data-testid="diff-summary" className="font-medium">
        {summarizeDiff(diff)}
      </p>
      {!isEmptyDiff(diff) && (
        <ul className="list-disc pl-5 text-slate-700 dark:text-slate-300">
          <Part noun="Nodes" part={diff.nodes} labels={labels} />
          <Part noun="Edges" part={diff.edges} labels={labels} />
          {diff.properties.length > 0 && <li>Also different: {diff.properties.join(', ')}</li>}
        </ul>
      )}
    </div>
  );
}
