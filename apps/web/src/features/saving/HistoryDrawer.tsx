import { useQuery } from '@tanstack/react-query';
import { History, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { api, errorInfo } from '../../lib/trpc';
import { useEditorStore } from '../editor/editorStore';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { compareVersions } from '../history/compareSession';
import type { CompareSide } from '../history/compareStore';
import { useRestoreVersion } from './useRestoreVersion';
import { VersionItem } from './VersionItem';

export interface HistoryDrawerProps {
  graphId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/**
 * What "Compare" on a version shows: what that version changed (against the one before it);
 * for the first version, how the canvas differs from it.
 */
function comparedWith(
  version: number,
  { baseVersion, dirty }: { baseVersion: number; dirty: boolean },
): [CompareSide, CompareSide] | undefined {
  if (version > 1) return [version - 1, version];
  if (dirty) return [version, 'unsaved'];
  return baseVersion === version ? undefined : [version, baseVersion];
}

/**
 * The versions of the open graph, newest first: preview one, compare one on the canvas, restore
 * one as a new version.
 */
export function HistoryDrawer({ graphId, open, onOpenChange }: HistoryDrawerProps) {
  const baseVersion = useEditorStore((state) => state.baseVersion);
  const dirty = useEditorStore((state) => state.dirty);
  const [previewed, setPreviewed] = useState<number>();
  const versions = useQuery({
    queryKey: ['versions', graphId],
    queryFn: () => api.versions.list.query({ graphId }),
    enabled: open,
  });
  const restore = useRestoreVersion(graphId);
  const compare = ([from, to]: [CompareSide, CompareSide]) => {
    onOpenChange(false);
    void compareVersions(graphId, from, to);
  };
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-950/30" />
        <Dialog.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 right-0 z-50 flex w-[26rem] max-w-full flex-col border-l border-slate-200 bg-white text-slate-900 shadow-xl dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
        >
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3 dark:border-slate-800">
            <Dialog.Title className="flex items-center gap-2 text-base font-semibold">
              <History className="size-4" aria-hidden /> Version history
            </Dialog.Title>
            <Dialog.Close
              aria-label="Close"
              className="rounded p-1 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              <X className="size-4" aria-hidden />
            </Dialog.Close>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto p-4">
            {versions.isPending && <p className="text-sm text-slate-500">Loading versions…</p>}
            {versions.isError && <ErrorNote message={errorInfo(versions.error).message} />}
            <ol aria-label="Versions" className="flex flex-col gap-2">
              {versions.data?.map((item) => (
                <VersionItem
                  key={item.version}
                  graphId={graphId}
                  item={item}
                  baseVersion={baseVersion}
                  dirty={dirty}
                  previewed={previewed === item.version}
                  onPreview={() =>
                    setPreviewed(previewed === item.version ? undefined : item.version)
                  }
                  comparePair={comparedWith(item.version, { baseVersion, dirty })}
                  onCompare={compare}
                  restoreDisabled={restore.pending}
                  onRestore={() => restore.ask(item.version)}
                />
              ))}
            </ol>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
      {restore.dialog}
    </Dialog.Root>
  );
}
