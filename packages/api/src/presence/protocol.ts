import { z } from 'zod';

/** The notifier channel every server of one database shares for presence. */
export const PRESENCE_CHANNEL = 'beluga_presence';

/** PostgreSQL's NOTIFY limit is 8000 bytes; leave room for the channel's framing. */
const MAX_PAYLOAD_BYTES = 7000;

const WireViewerSchema = z.object({
  /** User id. */
  u: z.string(),
  /** Display name. */
  n: z.string(),
  /** Since, in ms since the epoch (the viewer's server's clock). */
  t: z.number(),
  /** Has unsaved edits. */
  e: z.boolean(),
});
export type WireViewer = z.infer<typeof WireViewerSchema>;

/**
 * What servers tell each other. `beat`: a server's viewers of a graph (all of them, each time;
 * an empty list says they left), sent on every change and every heartbeat; `ask` asks the
 * others for theirs at once. `edit`: a viewer's unsaved-edits flag, from whichever server the
 * call reached. `saved`: a graph was saved.
 */
export const PresenceMessageSchema = z.discriminatedUnion('k', [
  z.object({
    k: z.literal('beat'),
    s: z.string(),
    g: z.string(),
    v: z.array(WireViewerSchema),
    ask: z.boolean().optional(),
  }),
  z.object({ k: z.literal('edit'), g: z.string(), u: z.string(), tab: z.string(), e: z.boolean() }),
  z.object({
    k: z.literal('saved'),
    g: z.string(),
    version: z.number(),
    u: z.string(),
    n: z.string(),
  }),
]);
export type PresenceMessage = z.infer<typeof PresenceMessageSchema>;

/** A message as JSON; undefined for one that is not ours (another version of the server). */
export function decodeMessage(payload: string): PresenceMessage | undefined {
  try {
    const parsed = PresenceMessageSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A message as JSON that fits one notification: names are cut short, and a beat with more
 * viewers than fit sends the earliest ones (the others show again once some leave).
 */
export function encodeMessage(message: PresenceMessage): string {
  if (message.k !== 'beat') return JSON.stringify({ ...message, ...nameOf(message) });
  const viewers = message.v.map((viewer) => ({ ...viewer, n: viewer.n.slice(0, 80) }));
  let payload = JSON.stringify({ ...message, v: viewers });
  while (Buffer.byteLength(payload, 'utf8') > MAX_PAYLOAD_BYTES && viewers.length > 0) {
    viewers.pop();
    payload = JSON.stringify({ ...message, v: viewers });
  }
  return payload;
}

function nameOf(message: PresenceMessage) {
  return message.k === 'saved' ? { n: message.n.slice(0, 80) } : {};
}
