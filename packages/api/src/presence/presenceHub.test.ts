import type { Notifier } from '@beluga/db';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPresenceHub, type PresenceSession, type PresenceUpdate } from './presenceHub.js';
import { announceSave } from './presenceOf.js';

/** One notification bus, as PostgreSQL is for several servers; a server can be cut off it. */
function createBus() {
  const listeners = new Set<{ from: string; listener: (payload: string) => void }>();
  const cut = new Set<string>();
  const notifierOf = (server: string): Notifier => ({
    notify: (_channel, payload) => {
      if (!cut.has(server))
        for (const entry of [...listeners]) queueMicrotask(() => entry.listener(payload));
      return Promise.resolve();
    },
    listen: (_channel, listener) => {
      const entry = { from: server, listener };
      listeners.add(entry);
      return Promise.resolve(() => Promise.resolve(void listeners.delete(entry)));
    },
  });
  return { notifierOf, cut, listening: () => listeners.size };
}

/** Reads a session's updates until one matches. */
async function until(
  updates: AsyncGenerator<PresenceUpdate>,
  match: (update: PresenceUpdate) => boolean,
): Promise<PresenceUpdate> {
  // next() rather than for-await: leaving a for-await loop would end the generator.
  for (;;) {
    const next = await updates.next();
    if (next.done) throw new Error('the updates ended');
    if (match(next.value)) return next.value;
  }
}

const names = (update: PresenceUpdate) =>
  update.type === 'viewers' ? update.viewers.map((viewer) => viewer.name) : [];
const showing =
  (...expected: string[]) =>
  (update: PresenceUpdate) =>
    JSON.stringify(names(update)) === JSON.stringify(expected);

const stop = new AbortController();
afterEach(() => {
  vi.useRealTimers();
});

async function open(hub: ReturnType<typeof createPresenceHub>, userId: string, graphId = 'g1') {
  const session: PresenceSession = await hub.join({
    graphId,
    userId,
    name: userId,
    tab: `tab-${userId}`,
  });
  return { session, updates: session.updates(stop.signal) };
}

describe('presence across servers sharing a notifier', () => {
  it('shows each server the viewers of the others, and drops one as soon as it leaves', async () => {
    const bus = createBus();
    const a = createPresenceHub({ notifier: bus.notifierOf('a') });
    const b = createPresenceHub({ notifier: bus.notifierOf('b') });
    const ana = await open(a, 'ana');
    await until(ana.updates, showing('ana'));
    const bo = await open(b, 'bo');
    await until(bo.updates, showing('ana', 'bo'));
    await until(ana.updates, showing('ana', 'bo'));
    await bo.session.leave();
    await until(ana.updates, showing('ana'));
    await ana.session.leave();
    expect(bus.listening()).toBe(0);
  });

  it("drops a dead server's viewers once it has been silent for the expiry", async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let now = 1_000_000;
    const clock = () => now;
    const bus = createBus();
    const options = { heartbeatMs: 1000, expiryMs: 3000, now: clock };
    const a = createPresenceHub({ notifier: bus.notifierOf('a'), ...options });
    const b = createPresenceHub({ notifier: bus.notifierOf('b'), ...options });
    const ana = await open(a, 'ana');
    await open(b, 'bo');
    await until(ana.updates, showing('ana', 'bo'));
    bus.cut.add('b');
    // Two heartbeats, still within the expiry: bo stays (the next update is a save notice).
    now += 2000;
    await vi.advanceTimersByTimeAsync(2000);
    await announceSave(bus.notifierOf('a'), { graphId: 'g1', version: 2, userId: 'x', name: 'X' });
    expect((await until(ana.updates, () => true)).type).toBe('saved');
    // Past the expiry: bo goes.
    now += 2000;
    await vi.advanceTimersByTimeAsync(2000);
    expect(names(await until(ana.updates, () => true))).toEqual(['ana']);
  });

  it("carries a viewer's editing flag to the other servers, for that tab only", async () => {
    const bus = createBus();
    const a = createPresenceHub({ notifier: bus.notifierOf('a') });
    const b = createPresenceHub({ notifier: bus.notifierOf('b') });
    const ana = await open(a, 'ana');
    await open(b, 'bo');
    await until(ana.updates, showing('ana', 'bo'));
    const notifier = bus.notifierOf('a');
    await notifier.notify(
      'beluga_presence',
      JSON.stringify({ k: 'edit', g: 'g1', u: 'bo', tab: 'other-tab', e: true }),
    );
    await notifier.notify(
      'beluga_presence',
      JSON.stringify({ k: 'edit', g: 'g1', u: 'bo', tab: 'tab-bo', e: true }),
    );
    const update = await until(
      ana.updates,
      (u) => u.type === 'viewers' && u.viewers.some((v) => v.editing),
    );
    expect(update).toMatchObject({
      viewers: [
        { userId: 'ana', editing: false },
        { userId: 'bo', editing: true },
      ],
    });
  });

  it('tells the viewers of a graph, and only them, that a version was saved', async () => {
    const bus = createBus();
    const a = createPresenceHub({ notifier: bus.notifierOf('a') });
    const b = createPresenceHub({ notifier: bus.notifierOf('b') });
    const ana = await open(a, 'ana', 'g1');
    const bo = await open(b, 'bo', 'g2');
    await announceSave(bus.notifierOf('b'), {
      graphId: 'g1',
      version: 7,
      userId: 'cy',
      name: 'Cy',
    });
    await announceSave(bus.notifierOf('b'), {
      graphId: 'g2',
      version: 3,
      userId: 'cy',
      name: 'Cy',
    });
    expect(await until(ana.updates, (u) => u.type === 'saved')).toEqual({
      type: 'saved',
      version: 7,
      by: { userId: 'cy', name: 'Cy' },
    });
    expect(await until(bo.updates, (u) => u.type === 'saved')).toMatchObject({ version: 3 });
  });
});
