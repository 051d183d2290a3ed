import { useEffect } from 'react';
import { api } from '../../lib/trpc';
import { useEditorStore } from '../editor/editorStore';
import { usePresence } from './presenceStore';

/** This tab's id: tells the server which of a user's tabs has unsaved edits. */
const TAB_ID = crypto.randomUUID().replaceAll('-', '');

/**
 * Joins the graph's presence while it is open: who else is here, and their saves. Tells the
 * others whether this tab has unsaved edits ("editing").
 */
export function useGraphPresence(graphId: string): void {
  useEffect(() => {
    const { apply, reset } = usePresence.getState();
    let joined = false;
    const tellEditing = (editing: boolean) => {
      if (!joined) return;
      api.presence.editing.mutate({ id: graphId, tab: TAB_ID, editing }).catch(() => undefined);
    };
    const subscription = api.presence.join.subscribe(
      { id: graphId, tab: TAB_ID },
      {
        onData: (update) => {
          apply(update);
          if (joined || update.type !== 'viewers') return;
          joined = true;
          if (useEditorStore.getState().dirty) tellEditing(true);
        },
        // Presence is a courtesy: without it the editor works as before.
        onError: () => undefined,
      },
    );
    const stopWatching = useEditorStore.subscribe((state, previous) => {
      if (state.dirty !== previous.dirty) tellEditing(state.dirty);
    });
    return () => {
      stopWatching();
      subscription.unsubscribe();
      reset();
    };
  }, [graphId]);
}
