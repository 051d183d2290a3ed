/**
 * The body of the thread that owns PGlite: plain CommonJS run with `new Worker(source, { eval:
 * true })`, so the same text serves the TypeScript sources and the built package. It opens
 * PGlite on `workerData.dataDir`, answers `query`, `begin`, `end` (commit or roll back) and
 * `close` messages in order, one reply per request id.
 *
 * Transactions: `begin` enters `pglite.transaction()` and keeps its handle open until `end`
 * arrives; PGlite's own lock makes any query sent outside it wait, exactly as in-process.
 */
export const PGLITE_THREAD_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite, types } = require(workerData.pglitePath);

// drizzle reads these types as the text PostgreSQL sends (it parses dates itself); every query
// here goes through drizzle or wants no parsing of them either.
const RAW = (value) => value;
const parsers = {};
for (const oid of [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182])
  parsers[oid] = RAW;

function describe(error) {
  const fields = {};
  if (error && typeof error === 'object') {
    for (const key of Object.keys(error)) {
      const value = error[key];
      if (value === undefined || typeof value === 'function' || key === 'cause') continue;
      if (typeof value === 'object' && value !== null) continue;
      fields[key] = value;
    }
  }
  return {
    name: error && error.name ? String(error.name) : 'Error',
    message: error && error.message ? String(error.message) : String(error),
    fields,
  };
}

const transactions = new Map();
let nextTransaction = 0;
let db;

async function handle(message) {
  switch (message.op) {
    case 'open':
      db = await PGlite.create(workerData.dataDir);
      return null;
    case 'query': {
      const target = message.tx === undefined ? db : transactions.get(message.tx).tx;
      const result = await target.query(message.sql, message.params, {
        rowMode: message.rowMode,
        parsers,
      });
      return { rows: result.rows, affectedRows: result.affectedRows, fields: result.fields };
    }
    case 'begin':
      return await new Promise((opened, failed) => {
        const id = ++nextTransaction;
        const entry = {};
        entry.done = db
          .transaction(
            (tx) =>
              new Promise((commit, rollback) => {
                Object.assign(entry, { tx, commit, rollback });
                transactions.set(id, entry);
                opened(id);
              }),
          )
          .finally(() => transactions.delete(id));
        entry.done.catch(failed);
      });
    case 'end': {
      const entry = transactions.get(message.tx);
      if (message.commit) entry.commit(null);
      else entry.rollback(new Error('rolled back'));
      try {
        await entry.done;
      } catch (error) {
        if (message.commit) throw error;
      }
      return null;
    }
    case 'close':
      await db.close();
      return null;
    default:
      throw new Error('unknown request ' + message.op);
  }
}

parentPort.on('message', (message) => {
  handle(message).then(
    (result) => parentPort.postMessage({ id: message.id, ok: true, result }),
    (error) => parentPort.postMessage({ id: message.id, ok: false, error: describe(error) }),
  );
});
`;
