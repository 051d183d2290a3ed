import { expect, it } from 'vitest';
import type { Database } from '../../src/index.js';
import { nextPayload } from '../fixtures.js';

/** Notifier behaviour within one Database, and ping(), on every backend. */
export function notifierTests(database: () => Database): void {
  it('delivers notifications to the listeners of a channel until they unlisten', async () => {
    const db = database();
    const a: string[] = [];
    const b: string[] = [];
    const stopA = await db.notifier.listen('run_events', (p) => a.push(p));
    const { payload, stop: stopB } = await nextPayload(db, 'run_events');
    await db.notifier.listen('other_channel', (p) => b.push(p));
    await db.notifier.notify('run_events', 'run-1 ünïcødé');
    expect(await payload).toBe('run-1 ünïcødé');
    expect(a).toEqual(['run-1 ünïcødé']);
    expect(b).toEqual([]);
    await stopA();
    await stopB();
    await db.notifier.notify('run_events', 'after');
    const { payload: after, stop } = await nextPayload(db, 'run_events');
    await db.notifier.notify('run_events', 'later');
    expect(await after).toBe('later');
    expect(a).toEqual(['run-1 ünïcødé']);
    await stop();
  });

  it('refuses bad channel names and oversized payloads', async () => {
    const db = database();
    for (const channel of ['', 'Upper', '1abc', 'a-b', 'x"; drop table runs; --', 'a'.repeat(64)]) {
      await expect(db.notifier.notify(channel, 'x')).rejects.toThrow(
        /Invalid notification channel/,
      );
      await expect(db.notifier.listen(channel, () => undefined)).rejects.toThrow(/Invalid/);
    }
    await expect(db.notifier.notify('ok', 'x'.repeat(8000))).rejects.toThrow(/at most 7999/);
    await db.notifier.notify('ok', 'é'.repeat(3999));
  });

  it('answers ping', async () => {
    await expect(database().ping()).resolves.toBeUndefined();
  });
}
