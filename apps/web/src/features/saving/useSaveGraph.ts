import type { GraphDocument } from '@beluga/graph';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from '../../components/toast';
import { api, errorInfo } from '../../lib/trpc';
import { useEditorStore } from '../editor/editorStore';
import { conflictCurrent, type StoredGraph } from './storedGraph';

/** A save refused because someone else saved first: my document and what the server holds. */
export interface SaveConflict {
  mine: GraphDocument;
  baseVersion: number;
  theirs: StoredGraph;
}

async function saveOpenGraph(message: string) {
  const { graphId, baseVersion, document } = useEditorStore.getState();
  if (!graphId || !document) throw new Error('No graph is open');
  try {
    const graph = await api.graphs.update.mutate({ id: graphId, baseVersion, document, message });
    return { graph, sent: document };
  } catch (error) {
    const theirs = conflictCurrent(errorInfo(error).details);
    if (errorInfo(error).errorCode === 'CONFLICT' && theirs) {
      throw Object.assign(new Error('conflict'), {
        conflict: { mine: document, baseVersion, theirs },
      });
    }
    throw error;
  }
}

/** Saves the open document as a new version; a conflict is kept for the conflict dialog. */
export function useSaveGraph() {
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<SaveConflict>();
  const save = useMutation({
    mutationFn: saveOpenGraph,
    onSuccess: async ({ graph, sent }) => {
      const editor = useEditorStore.getState();
      if (editor.document === sent) {
        editor.markSaved(graph.version, graph.document);
      } else {
        // Edited while the save was in flight: those edits stay unsaved, on the new base.
        useEditorStore.setState({ baseVersion: graph.version });
      }
      toast({ tone: 'success', title: `Saved version ${graph.version}` });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['graphs'] }),
        queryClient.invalidateQueries({ queryKey: ['versions', graph.id] }),
      ]);
    },
    onError: (error) => {
      const found = (error as { conflict?: SaveConflict }).conflict;
      if (found) setConflict(found);
      else toast({ tone: 'error', title: 'Could not save', description: errorInfo(error).message });
    },
  });
  return { save, conflict, clearConflict: () => setConflict(undefined) };
}
