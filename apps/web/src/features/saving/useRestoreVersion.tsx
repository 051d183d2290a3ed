import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from '../../components/toast';
import { api, errorInfo } from '../../lib/trpc';
import { useEditorStore } from '../editor/editorStore';
import { ConfirmDialog } from '../graphs/ui/ConfirmDialog';
import { openStored } from './storedGraph';

export interface RestoreVersionOptions {
  /** Called once restored, just before the restored version is opened for editing. */
  onRestored?: () => void;
}

/**
 * Restoring an old version as a new one, after asking: `ask(version)` opens the question,
 * `dialog` is the question to mount.
 */
export function useRestoreVersion(graphId: string, { onRestored }: RestoreVersionOptions = {}) {
  const queryClient = useQueryClient();
  const dirty = useEditorStore((state) => state.dirty);
  const [asked, setAsked] = useState<number>();
  const restore = useMutation({
    mutationFn: (version: number) =>
      api.versions.restore.mutate({
        graphId,
        version,
        baseVersion: useEditorStore.getState().baseVersion,
      }),
    onSuccess: async (graph, version) => {
      onRestored?.();
      await openStored(queryClient, graph);
      toast({ tone: 'success', title: `Restored version ${version} as version ${graph.version}` });
    },
    onError: (error) =>
      toast({ tone: 'error', title: 'Could not restore', description: errorInfo(error).message }),
  });
  const dialog = (
    <ConfirmDialog
      open={asked !== undefined}
      onOpenChange={(next) => !next && setAsked(undefined)}
      title={`Restore version ${asked ?? ''}?`}
      description={`It is saved again as a new version; nothing in the history is lost.${dirty ? ' Your unsaved changes on the canvas are discarded.' : ''}`}
      confirmLabel="Restore"
      danger={dirty}
      onConfirm={() => asked !== undefined && restore.mutate(asked)}
    />
  );
  return { ask: setAsked, asking: asked !== undefined, pending: restore.isPending, dialog };
}
