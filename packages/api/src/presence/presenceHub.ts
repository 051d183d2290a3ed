import type { Notifier } from '@beluga/db';
import { randomUUID } from 'node:crypto';
import {
  decodeMessage,
  encodeMessage,
  PRESENCE_CHANNEL,
  type PresenceMessage,
  type WireViewer,
} from './protocol.js';
import { SessionQueue } from './sessionQueue.js';

/** Someone who has a graph open, on any server. */
export interface PresenceViewer {
  userId: string;
  name: string;
  /** When they opened it (ISO): their earliest open tab. */
  since: string;
  /** They have unsaved edits in one of their tabs. */
  editing: boolean;
}

/** What a presence subscriber receives. `you` is the subscriber's own user id. */
export type PresenceUpdate =
  | { type: 'viewers'; you: string; viewers: PresenceViewer[] }
  | { type: 'saved'; version: number; by: { userId: string; name: string } };

export interface PresenceSession {
  /** The viewers list now and at each change, and save notices, until `signal` aborts. */
  updates(signal: AbortSignal): AsyncGenerator<PresenceUpdate>;
  /** Unregisters the viewer and tells the other servers. */
  leave(): Promise<void>;
}

export interface PresenceHub {
  join(viewer: {
    graphId: string;
    userId: string;
    name: string;
    tab: string;
  }): Promise<PresenceSession>;
  /** The set of graphs with viewers on this server (for tests and metrics). */
  localGraphs(): string[];
}

export interface PresenceHubOptions {
  notifier: Notifier;
  /** Tells this server's beats from the others'. Default: a random id. */
  serverId?: string;
  /** How often a server repeats its viewers. Default 10 s. */
  heartbeatMs?: number;
  /** A server not heard from for this long has its viewers dropped (it died). Default 30 s. */
  expiryMs?: number;
  now?: () => number;
  /** A notification that could not be sent (presence is best effort: nothing else fails). */
  onError?: (error: unknown) => void;
}

interface LocalViewer {
  graphId: string;
  userId: string;
  name: string;
  tab: string;
  since: number;
  editing: boolean;
  queue: SessionQueue<PresenceUpdate>;
  /** The last viewers list sent to it, as JSON: an unchanged list is not sent again. */
  sent?: string;
}

interface RemoteBeat {
  viewers: WireViewer[];
  seenAt: number;
}

const LATEST = new Set(['viewers']);

/** One entry per user: the earliest since, editing in any tab. */
function byUser(viewers: Iterable<WireViewer>): WireViewer[] {
  const merged = new Map<string, WireViewer>();
  for (const viewer of viewers) {
    const seen = merged.get(viewer.u);
    merged.set(
      viewer.u,
      seen ? { ...seen, t: Math.min(seen.t, viewer.t), e: seen.e || viewer.e } : { ...viewer },
    );
  }
  return [...merged.values()].sort((a, b) => a.t - b.t || a.u.localeCompare(b.u));
}

/**
 * Who has which graph open, shared between the servers of one database through its notifier:
 * each server keeps its own viewers and a view of the others', from the beats they send on each
 * change and every heartbeat. It listens only while it has viewers of its own.
 */
export function createPresenceHub(options: PresenceHubOptions): PresenceHub {
  const { notifier } = options;
  const serverId = options.serverId ?? randomUUID();
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const expiryMs = options.expiryMs ?? 30_000;
  const now = options.now ?? Date.now;
  const onError = options.onError ?? (() => undefined);
  const local = new Map<string, Set<LocalViewer>>();
  const remote = new Map<string, Map<string, RemoteBeat>>();
  let listening: Promise<() => Promise<void>> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const send = (message: PresenceMessage) =>
    notifier.notify(PRESENCE_CHANNEL, encodeMessage(message)).catch(onError);

  const localWire = (graphId: string): WireViewer[] =>
    byUser(
      [...(local.get(graphId) ?? [])].map((v) => ({
        u: v.userId,
        n: v.name,
        t: v.since,
        e: v.editing,
      })),
    );

  const beat = (graphId: string, ask = false) =>
    send({ k: 'beat', s: serverId, g: graphId, v: localWire(graphId), ...(ask ? { ask } : {}) });

  /** Sends each local viewer of the graph the list of everyone, when it changed. */
  const refresh = (graphId: string) => {
    const viewers = local.get(graphId);
    if (!viewers) return;
    const others = [...(remote.get(graphId)?.values() ?? [])].flatMap((beat) => beat.viewers);
    const everyone = byUser([...localWire(graphId), ...others]).map((v) => ({
      userId: v.u,
      name: v.n,
      since: new Date(v.t).toISOString(),
      editing: v.e,
    }));
    const json = JSON.stringify(everyone);
    for (const viewer of viewers) {
      if (viewer.sent === json) continue;
      viewer.sent = json;
      viewer.queue.push({ type: 'viewers', you: viewer.userId, viewers: everyone });
    }
  };

  const onBeat = (message: Extract<PresenceMessage, { k: 'beat' }>) => {
    if (message.s === serverId || !local.has(message.g)) return;
    const beats = remote.get(message.g) ?? new Map<string, RemoteBeat>();
    remote.set(message.g, beats);
    if (message.v.length === 0) beats.delete(message.s);
    else beats.set(message.s, { viewers: message.v, seenAt: now() });
    if (message.ask) void beat(message.g);
    refresh(message.g);
  };

  const onEdit = (message: Extract<PresenceMessage, { k: 'edit' }>) => {
    let changed = false;
    for (const viewer of local.get(message.g) ?? []) {
      if (viewer.userId !== message.u || viewer.tab !== message.tab || viewer.editing === message.e)
        continue;
      viewer.editing = message.e;
      changed = true;
    }
    if (!changed) return;
    void beat(message.g);
    refresh(message.g);
  };

  const onMessage = (payload: string) => {
    const message = decodeMessage(payload);
    if (message?.k === 'beat') onBeat(message);
    else if (message?.k === 'edit') onEdit(message);
    else if (message?.k === 'saved')
      for (const viewer of local.get(message.g) ?? [])
        viewer.queue.push({
          type: 'saved',
          version: message.version,
          by: { userId: message.u, name: message.n },
        });
  };

  /** Every heartbeat: repeat our viewers, forget servers gone silent. */
  const tick = () => {
    const oldest = now() - expiryMs;
    for (const graphId of local.keys()) {
      void beat(graphId);
      const beats = remote.get(graphId);
      for (const [server, seen] of beats ?? []) if (seen.seenAt < oldest) beats?.delete(server);
      refresh(graphId);
    }
  };

  const start = async () => {
    if (!listening) {
      listening = notifier.listen(PRESENCE_CHANNEL, onMessage);
      timer = setInterval(tick, heartbeatMs);
      timer.unref();
    }
    await listening;
  };

  const stop = async () => {
    const stopping = listening;
    listening = undefined;
    clearInterval(timer);
    timer = undefined;
    await (await stopping)?.().catch(onError);
  };

  const leave = async (viewer: LocalViewer) => {
    const viewers = local.get(viewer.graphId);
    if (!viewers?.delete(viewer)) return;
    await beat(viewer.graphId);
    if (viewers.size > 0) return refresh(viewer.graphId);
    local.delete(viewer.graphId);
    remote.delete(viewer.graphId);
    if (local.size === 0) await stop();
  };

  return {
    async join({ graphId, userId, name, tab }) {
      const viewer: LocalViewer = {
        graphId,
        userId,
        name,
        tab,
        since: now(),
        editing: false,
        queue: new SessionQueue(LATEST),
      };
      await start();
      const first = !local.has(graphId);
      local.set(graphId, (local.get(graphId) ?? new Set()).add(viewer));
      // The first viewer here asks the other servers for theirs rather than wait a heartbeat.
      await beat(graphId, first);
      refresh(graphId);
      return { updates: (signal) => viewer.queue.drain(signal), leave: () => leave(viewer) };
    },
    localGraphs: () => [...local.keys()],
  };
}
