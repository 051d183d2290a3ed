import { useShallow } from 'zustand/react/shallow';
import { NewerSaveBanner } from './NewerSaveBanner';
import { PresenceAvatars } from './PresenceAvatars';
import { selectOthers, usePresence } from './presenceStore';
import { useGraphPresence } from './useGraphPresence';

/**
 * Presence in the editor's header: who else has the graph open, and a banner when one of them
 * saves a newer version. Mount it once per open graph.
 */
export function EditorPresence({ graphId }: { graphId: string }) {
  useGraphPresence(graphId);
  const others = usePresence(useShallow(selectOthers));
  return (
    <>
      <PresenceAvatars others={others} />
      <NewerSaveBanner graphId={graphId} />
    </>
  );
}
