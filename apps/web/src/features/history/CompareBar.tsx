import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, ArrowLeftRight, GitCompareArrows, RotateCcw } from 'lucide-react';
import { useRef } from 'react';
import { Button, IconButton } from '../../components/Button';
import { api } from '../../lib/trpc';
import { useEditorStore } from '../editor/editorStore';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { useRestoreVersion } from '../saving/useRestoreVersion';
import { ChangeList } from './ChangeList';
import { closeComparison, compareSide, swapSides } from './compareSession';
import { useCompareView, type CompareSide } from './compareStore';
import { DiffLegend } from './DiffLegend';
import { useCompareCanvas } from './useCompareCanvas';
import { VersionSelect } from './VersionSelect';

/** The saved versions of the pair that can be restored (not the one being edited from). */
function restorable(sides: CompareSide[], baseVersion: number): number[] {
  const versions = sides.filter((side): side is number => typeof side === 'number');
  return [...new Set(versions)].filter((version) => version !== baseVersion);
}

function useVersionList(graphId: string | undefined) {
  return useQuery({
    queryKey: ['versions', graphId],
    queryFn: () => api.versions.list.query({ graphId: graphId ?? '' }),
    enabled: graphId !== undefined,
  });
}

/**
 * Over the canvas while two versions are compared (read-only): which two (either may be any
 * version or the unsaved canvas), swap, restore, back to editing; the legend with counts, and
 * every change in words.
 */
export function CompareBar() {
  const bar = useRef<HTMLDivElement>(null);
  const fit = useCompareCanvas(bar);
  const { status, graphId, from, to, comparison, error } = useCompareView();
  const baseVersion = useEditorStore((state) => state.baseVersion);
  const dirty = useEditorStore((state) => state.dirty);
  const versions = useVersionList(graphId);
  const restore = useRestoreVersion(graphId ?? '', { onRestored: closeComparison });
  if (status === 'idle' || from === undefined || to === undefined) return null;
  const select = (which: 'from' | 'to', value: CompareSide) => (
    <VersionSelect
      label={which === 'from' ? 'Compare from' : 'Compare with'}
      value={value}
      versions={versions.data ?? []}
      withUnsaved={dirty}
      onChange={(side) => compareSide(which, side)}
    />
  );
  return (
    <div
      ref={bar}
      role="region"
      aria-label="Compare versions"
      aria-busy={status === 'loading'}
      className="absolute inset-x-3 top-3 z-10 flex flex-col gap-1.5 rounded-lg border border-slate-200 bg-white/95 px-2 py-1.5 text-sm text-slate-900 shadow-md dark:border-slate-800 dark:bg-slate-900/95 dark:text-slate-100"
    >
      <div className="flex flex-wrap items-center gap-1.5">
        <GitCompareArrows aria-hidden className="size-4 text-slate-500" />
        <span className="font-medium" title="Read-only: go back to editing to change the graph">
          Compare
        </span>
        {select('from', from)}
        <IconButton label="Swap versions" className="size-7" onClick={swapSides}>
          <ArrowLeftRight aria-hidden className="size-3.5" />
        </IconButton>
        <span>with</span>
        {select('to', to)}
        <div className="ml-auto flex items-center gap-1.5">
          {restorable([from, to], baseVersion).map((version) => (
            <Button
              key={version}
              size="sm"
              icon={<RotateCcw aria-hidden className="size-3.5" />}
              disabled={restore.pending}
              onClick={() => restore.ask(version)}
            >
              Restore v{version}
            </Button>
          ))}
          <Button
            size="sm"
            variant="primary"
            icon={<ArrowLeft aria-hidden className="size-3.5" />}
            onClick={closeComparison}
          >
            Back to editing
          </Button>
        </div>
      </div>
      {status === 'loading' && !comparison && (
        <p className="text-xs text-slate-500">Loading the versions…</p>
      )}
      {error && <ErrorNote message={error} />}
      {comparison && <DiffLegend comparison={comparison} />}
      {comparison && <ChangeList comparison={comparison} show={fit} />}
      {restore.dialog}
    </div>
  );
}
