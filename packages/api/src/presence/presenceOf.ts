import type { Notifier } from '@beluga/db';
import { createPresenceHub, type PresenceHub } from './presenceHub.js';
import { encodeMessage, PRESENCE_CHANNEL } from './protocol.js';

const hubs = new WeakMap<Notifier, PresenceHub>();

/**
 * This process's presence hub for a database. Kept beside the database rather than in the
 * services: it holds nothing (no listener, no timer) while nobody has a graph open, so it needs
 * no closing, and every server of the process on one database shares it.
 */
export function presenceOf(notifier: Notifier): PresenceHub {
  let hub = hubs.get(notifier);
  if (!hub) {
    hub = createPresenceHub({ notifier });
    hubs.set(notifier, hub);
  }
  return hub;
}

/** Tells whoever has the graph open, on every server, that a new version was saved. */
export async function announceSave(
  notifier: Notifier,
  saved: { graphId: string; version: number; userId: string; name: string },
): Promise<void> {
  const message = encodeMessage({
    k: 'saved',
    g: saved.graphId,
    version: saved.version,
    u: saved.userId,
    n: saved.name,
  });
  // Best effort: a save that succeeded never fails for want of a notice.
  await notifier.notify(PRESENCE_CHANNEL, message).catch(() => undefined);
}

/** Sets a viewer's unsaved-edits flag on whichever server holds its stream. */
export async function announceEditing(
  notifier: Notifier,
  editing: { graphId: string; userId: string; tab: string; editing: boolean },
): Promise<void> {
  const message = encodeMessage({
    k: 'edit',
    g: editing.graphId,
    u: editing.userId,
    tab: editing.tab,
    e: editing.editing,
  });
  await notifier.notify(PRESENCE_CHANNEL, message);
}
