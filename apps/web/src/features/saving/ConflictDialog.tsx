import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CopyPlus, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { toast } from '../../components/toast';
import { navigate } from '../../lib/route';
import { api, errorInfo } from '../../lib/trpc';
import { ConfirmDialog } from '../graphs/ui/ConfirmDialog';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { useCopyWorkspaceId } from '../workspaces/graphAccess';
import { UserName } from '../workspaces/UserName';
import { fullTime, timeAgo } from '../graphs/ui/formatTime';
import { DiffDetails } from './DiffDetails';
import { diffDocuments } from './documentDiff';
import { openStored } from './storedGraph';
import type { SaveConflict } from './useSaveGraph';

export interface ConflictDialogProps {
  conflict: SaveConflict;
  onClose: () => void;
}

/** Someone saved first: see what they changed, then keep mine as a copy or take theirs. */
export function ConflictDialog({ conflict, onClose }: ConflictDialogProps) {
  const { mine, baseVersion, theirs } = conflict;
  const queryClient = useQueryClient();
  const workspaceId = useCopyWorkspaceId();
  const [confirmReload, setConfirmReload] = useState(false);
  const diff = diffDocuments(mine, theirs.document);
  const keepCopy = useMutation({
    mutationFn: () =>
      api.graphs.import.mutate({
        workspaceId,
        document: mine,
        name: `${mine.name} (my copy)`.slice(0, 200),
      }),
    onSuccess: async ({ graph }) => {
      // The original now holds theirs; my edits live on in the copy, which opens.
      await openStored(queryClient, theirs);
      onClose();
      toast({ tone: 'success', title: `Your changes were saved as "${graph.name}"` });
      navigate({ page: 'editor', graphId: graph.id });
    },
  });
  const reload = async () => {
    await openStored(queryClient, theirs);
    onClose();
    toast({
      tone: 'info',
      title: `Reloaded version ${theirs.version}; your changes were discarded`,
    });
  };
  return (
    <>
      <Dialog
        open
        onOpenChange={(open) => !open && onClose()}
        title="Someone else saved this graph first"
        width="max-w-xl"
      >
        <div className="flex flex-col gap-4">
          <p className="text-sm" data-testid="conflict-who">
            <span className="font-medium">
              <UserName id={theirs.updatedBy} workspaceId={theirs.workspaceId} />
            </span>{' '}
            saved version <span className="font-medium">{theirs.version}</span>{' '}
            <time dateTime={theirs.updatedAt} title={fullTime(theirs.updatedAt)}>
              {timeAgo(theirs.updatedAt)}
            </time>{' '}
            ({fullTime(theirs.updatedAt)}). Your changes are based on version {baseVersion} and were
            not saved.
          </p>
          <section
            aria-label="Their version compared with yours"
            className="rounded-md border border-slate-200 p-3 dark:border-slate-800"
          >
            <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              Their version compared with yours
            </h3>
            <DiffDetails
              diff={diff}
              labels={{ added: 'Only in theirs', removed: 'Only in yours', changed: 'Different' }}
            />
          </section>
          {keepCopy.isError && <ErrorNote message={errorInfo(keepCopy.error).message} />}
          <div className="flex flex-wrap justify-end gap-2">
            <Button onClick={onClose}>Keep editing</Button>
            <Button
              icon={<CopyPlus className="size-4" aria-hidden />}
              disabled={keepCopy.isPending}
              onClick={() => keepCopy.mutate()}
            >
              Keep mine as a copy
            </Button>
            <Button
              variant="danger"
              icon={<RotateCcw className="size-4" aria-hidden />}
              onClick={() => setConfirmReload(true)}
            >
              Reload theirs
            </Button>
          </div>
        </div>
      </Dialog>
      <ConfirmDialog
        open={confirmReload}
        onOpenChange={setConfirmReload}
        title="Discard your changes?"
        description={`Version ${theirs.version} replaces what you have on the canvas. Your unsaved changes are lost.`}
        confirmLabel="Discard mine and reload"
        danger
        onConfirm={() => void reload()}
      />
    </>
  );
}
