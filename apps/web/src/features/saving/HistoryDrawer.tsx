import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Eye, History, RotateCcw, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { toast } from '../../components/toast';
import { api, errorInfo } from '../../lib/trpc';
import { useEditorStore } from '../editor/editorStore';
import { ConfirmDialog } from '../graphs/ui/ConfirmDialog';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { fullTime, timeAgo } from '../graphs/ui/formatTime';
import { openStored } from './storedGraph';
import { VersionPreview } from './VersionPreview';

export interface HistoryDrawerProps {
  graphId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** The versions of the open graph, newest first: preview one, restore one as a new version. */
export function HistoryDrawer({ graphId, open, onOpenChange }: HistoryDrawerProps) {
  const queryClient = useQueryClient();
  const baseVersion = useEditorStore((state) => state.baseVersion);
  const dirty = useEditorStore((state) => state.dirty);
  const [previewed, setPreviewed] = useState<number>();
  const [restoring, setRestoring] = useState<number>();
  const versions = useQuery({
    queryKey: ['versions', graphId],
    queryFn: () => api.versions.list.query({ graphId }),
    enabled: open,
  });
  const restore = useMutation({
    mutationFn: (version: number) =>
      api.versions.restore.mutate({
        graphId,
        version,
        baseVersion: useEditorStore.getState().baseVersion,
      }),
    onSuccess: async (graph, version) => {
      await openStored(queryClient, graph);
      toast({ tone: 'success', title: `Restored version ${version} as version ${graph.version}` });
    },
    onError: (error) =>
      toast({ tone: 'error', title: 'Could not restore', description: errorInfo(error).message }),
  });
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
                <li
                  key={item.version}
                  aria-label={`Version ${item.version}`}
                  className="rounded-md border border-slate-200 p-3 dark:border-slate-800"
                >
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
                  <p className="text-sm">
                    {item.message || <span className="text-slate-500 italic">No message</span>}
                  </p>
                  <p className="text-xs text-slate-500">by {item.author}</p>
                  <div className="mt-2 flex gap-2">
                    <Button
                      size="sm"
                      variant="ghost"
                      icon={<Eye className="size-3.5" aria-hidden />}
                      aria-expanded={previewed === item.version}
                      aria-label={`Preview version ${item.version}`}
                      onClick={() =>
                        setPreviewed(previewed === item.version ? undefined : item.version)
                      }
                    >
                      Preview
                    </Button>
                    {item.version !== baseVersion && (
                      <Button
                        size="sm"
                        icon={<RotateCcw className="size-3.5" aria-hidden />}
                        aria-label={`Restore version ${item.version}`}
                        disabled={restore.isPending}
                        onClick={() => setRestoring(item.version)}
                      >
                        Restore
                      </Button>
                    )}
                  </div>
                  {previewed === item.version && (
                    <VersionPreview graphId={graphId} version={item.version} />
                  )}
                </li>
              ))}
            </ol>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
      <ConfirmDialog
        open={restoring !== undefined}
        onOpenChange={(next) => !next && setRestoring(undefined)}
        title={`Restore version ${restoring ?? ''}?`}
        description={`It is saved again as a new version; nothing in the history is lost.${dirty ? ' Your unsaved changes on the canvas are discarded.' : ''}`}
        confirmLabel="Restore"
        danger={dirty}
        onConfirm={() => restoring !== undefined && restore.mutate(restoring)}
      />
    </Dialog.Root>
  );
}
