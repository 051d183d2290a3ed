import type { RouterOutputs } from '@beluga/api';
import { Eye, GitCompareArrows, RotateCcw } from 'lucide-react';
import { Button } from '../../components/Button';
import { fullTime, timeAgo } from '../graphs/ui/formatTime';
import { sideName, type CompareSide } from '../history/compareStore';
import { VersionPreview } from './VersionPreview';

export type VersionInfo = RouterOutputs['versions']['list'][number];

export interface VersionItemProps {
  graphId: string;
  item: VersionInfo;
  /** The version the canvas is based on, and whether it has unsaved edits. */
  baseVersion: number;
  dirty: boolean;
  previewed: boolean;
  onPreview: () => void;
  /** The pair "Compare" shows, if there is one worth showing. */
  comparePair: [CompareSide, CompareSide] | undefined;
  onCompare: (pair: [CompareSide, CompareSide]) => void;
  restoreDisabled: boolean;
  onRestore: () => void;
}

function Heading({
  item,
  baseVersion,
  dirty,
}: Pick<VersionItemProps, 'item' | 'baseVersion' | 'dirty'>) {
  return (
    <div className="flex items-baseline justify-between gap-2">
      <span className="font-medium">
        v{item.version}
        {item.version === baseVersion && (
          <span className="ml-2 rounded bg-sky-100 px-1.5 text-xs text-sky-800 dark:bg-sky-900/60 dark:text-sky-200">
            {dirty ? 'editing from here' : 'current'}
          </span>
        )}
      </span>
      <time
        className="text-xs text-slate-500"
        dateTime={item.createdAt}
        title={fullTime(item.createdAt)}
      >
        {timeAgo(item.createdAt)}
      </time>
    </div>
  );
}

/** One version in the history: who saved it and why; preview, compare on the canvas, restore. */
export function VersionItem(props: VersionItemProps) {
  const { graphId, item, baseVersion, previewed, comparePair: pair } = props;
  return (
    <li
      aria-label={`Version ${item.version}`}
      className="rounded-md border border-slate-200 p-3 dark:border-slate-800"
    >
      <Heading {...props} />
      <p className="text-sm">
        {item.message || <span className="text-slate-500 italic">No message</span>}
      </p>
      <p className="text-xs text-slate-500">by {item.authorName ?? item.author}</p>
      <div className="mt-2 flex gap-2">
        <Button
          size="sm"
          variant="ghost"
          icon={<Eye className="size-3.5" aria-hidden />}
          aria-expanded={previewed}
          aria-label={`Preview version ${item.version}`}
          onClick={props.onPreview}
        >
          Preview
        </Button>
        {pair && (
          <Button
            size="sm"
            variant="ghost"
            icon={<GitCompareArrows className="size-3.5" aria-hidden />}
            aria-label={`Compare version ${item.version}`}
            title={`Show on the canvas how ${sideName(pair[1])} differs from ${sideName(pair[0])}`}
            onClick={() => props.onCompare(pair)}
          >
            Compare
          </Button>
        )}
        {item.version !== baseVersion && (
          <Button
            size="sm"
            icon={<RotateCcw className="size-3.5" aria-hidden />}
            aria-label={`Restore version ${item.version}`}
            disabled={props.restoreDisabled}
            onClick={props.onRestore}
          >
            Restore
          </Button>
        )}
      </div>
      {previewed && <VersionPreview graphId={graphId} version={item.version} />}
    </li>
  );
}
