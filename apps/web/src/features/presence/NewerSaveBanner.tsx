import { useQueryClient } from '@tanstack/react-query';
import { Info, X } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { api, errorInfo } from '../../lib/trpc';
import { useEditorStore } from '../editor/editorStore';
import { newerSaveText } from './presenceText';
import { usePresence } from './presenceStore';

/**
 * Someone else saved a newer version while this graph is open. With unsaved edits it only warns
 * (saving then goes through the conflict dialog); without, it offers to load their version.
 */
export function NewerSaveBanner({ graphId }: { graphId: string }) {
  const saved = usePresence((state) => state.saved);
  const dismiss = usePresence((state) => state.dismissSaved);
  const dirty = useEditorStore((state) => state.dirty);
  const baseVersion = useEditorStore((state) => state.baseVersion);
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  if (!saved || saved.version <= baseVersion) return null;
  const load = async () => {
    try {
      const graph = await api.graphs.get.query({ id: graphId });
      queryClient.setQueryData(['graph', graphId], graph);
      useEditorStore.getState().load(graph);
      dismiss();
    } catch (caught) {
      setError(errorInfo(caught).message);
    }
  };
  return (
    <div
      role="status"
      className="fixed top-24 left-1/2 z-30 flex max-w-xl -translate-x-1/2 items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 shadow-md dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <Info className="size-4 shrink-0" aria-hidden />
      <span>{error ?? newerSaveText(saved.by.name, saved.version, dirty)}</span>
      {!dirty && !error && (
        <Button size="sm" onClick={() => void load()}>
          Load version {saved.version}
        </Button>
      )}
      <button
        type="button"
        aria-label="Dismiss"
        className="rounded p-1 hover:bg-amber-100 dark:hover:bg-amber-900"
        onClick={dismiss}
      >
        <X className="size-4" aria-hidden />
      </button>
    </div>
  );
}
