import pg from 'pg';
import type { Notifier } from '../types.js';
import { checkPayload, deliver, quoteChannel } from './channel.js';
import { ListenerSet } from './listenerSet.js';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

export interface PgNotifier extends Notifier {
  close(): Promise<void>;
}

/**
 * PostgreSQL LISTEN/NOTIFY. Sending goes through the pool (`pg_notify`); every listen of this
 * Database shares ONE dedicated connection, opened on the first listen. When that connection
 * drops it is reopened with backoff (100 ms doubling to 5 s) and every channel is listened to
 * again. Notifications sent while it was down are lost: listeners re-read the database anyway.
 */
export function createPgNotifier(options: { pool: pg.Pool; url: string }): PgNotifier {
  const listeners = new ListenerSet();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  let closed = false;

  const onLost = (lost: pg.Client): void => {
    if (client !== lost) return;
    client = undefined;
    void lost.end().catch(() => undefined);
    scheduleReconnect();
  };

  const scheduleReconnect = (): void => {
    if (closed || retryTimer || listeners.channels().length === 0) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connection().then(
        () => (retryMs = FIRST_RETRY_MS),
        () => {
          retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
          scheduleReconnect();
        },
      );
    }, retryMs);
    retryTimer.unref();
  };

  const open = async (): Promise<pg.Client> => {
    const next = new pg.Client({
      connectionString: options.url,
      application_name: 'beluga-listen',
    });
    // Without an 'error' handler a dropped connection would crash the process.
    next.on('error', () => onLost(next));
    next.on('end', () => onLost(next));
    next.on('notification', (message) => {
      for (const listener of listeners.get(message.channel))
        deliver(listener, message.payload ?? '');
    });
    try {
      await next.connect();
      for (const channel of listeners.channels())
        await next.query(`LISTEN ${quoteChannel(channel)}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await next.end();
      throw new Error('The database is closed.');
    }
    client = next;
    return next;
  };

  const connection = (): Promise<pg.Client> => {
    if (client) return Promise.resolve(client);
    connecting ??= open().finally(() => (connecting = undefined));
    return connecting;
  };

  const unlisten = async (channel: string, listener: (payload: string) => void): Promise<void> => {
    if (!listeners.remove(channel, listener) || !client) return;
    // A dead connection has forgotten its LISTENs anyway.
    await client.query(`UNLISTEN ${quoteChannel(channel)}`).catch(() => undefined);
  };

  return {
    async notify(channel, payload) {
      quoteChannel(channel);
      checkPayload(payload);
      await options.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },

    async listen(channel, listener) {
      const quoted = quoteChannel(channel);
      const entry = (payload: string): void => listener(payload);
      listeners.add(channel, entry);
      try {
        // Always LISTEN (a repeat is a no-op): the returned promise means "now listening".
        await (await connection()).query(`LISTEN ${quoted}`);
      } catch (error) {
        listeners.remove(channel, entry);
        throw error;
      }
      return () => unlisten(channel, entry);
    },

    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
