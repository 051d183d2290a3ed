import type { RouterOutputs } from '@beluga/api';
import { create } from 'zustand';

type Update = RouterOutputs['presence']['join'] extends AsyncIterable<infer U> ? U : never;
export type PresenceViewer = Extract<Update, { type: 'viewers' }>['viewers'][number];
export type SavedNotice = Omit<Extract<Update, { type: 'saved' }>, 'type'>;

/** Who else has the open graph open, and the last save someone else made while it was open. */
interface PresenceState {
  /** The signed-in user's id, as the server knows it. */
  you: string | undefined;
  /** Everyone viewing the graph, the signed-in user too, first come first. */
  viewers: PresenceViewer[];
  /** The newest version another user saved since the graph was opened. */
  saved: SavedNotice | undefined;
  apply: (update: Update) => void;
  dismissSaved: () => void;
  reset: () => void;
}

export const usePresence = create<PresenceState>((set) => ({
  you: undefined,
  viewers: [],
  saved: undefined,
  apply: (update) =>
    set((state) => {
      if (update.type === 'viewers') return { you: update.you, viewers: update.viewers };
      if (update.by.userId === state.you) return state;
      if (state.saved && state.saved.version >= update.version) return state;
      return { saved: { version: update.version, by: update.by } };
    }),
  dismissSaved: () => set({ saved: undefined }),
  reset: () => set({ you: undefined, viewers: [], saved: undefined }),
}));

/** The viewers other than the signed-in user. */
export const selectOthers = (state: PresenceState): PresenceViewer[] =>
  state.viewers.filter((viewer) => viewer.userId !== state.you);
