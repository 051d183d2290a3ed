import { afterAll, beforeAll, describe } from 'vitest';
import type { Database } from '../../src/index.js';
import { prepareWorkspace } from '../fixtures.js';
import { teamTests } from './teams.js';
import { credentialTests } from './credentials.js';
import { eventTests } from './events.js';
import { graphTests } from './graphs.js';
import { jsonTests } from './json.js';
import { notifierTests } from './notifier.js';
import { runTests } from './runs.js';

/**
 * The one repository suite, run against every backend: `open` gives a migrated Database that
 * the suite shares between its tests (each test uses its own ids) and closes at the end.
 */
export function repositorySuite(name: string, open: () => Promise<Database>): void {
  describe(name, () => {
    let db: Database | undefined;
    const database = (): Database => {
      if (!db) throw new Error('the database did not open');
      return db;
    };
    beforeAll(async () => {
      db = await open();
      await prepareWorkspace(db);
    });
    afterAll(async () => {
      await db?.close();
    });
    describe('graphs', () => graphTests(database));
    describe('runs', () => runTests(database));
    describe('events', () => eventTests(database));
    describe('json', () => jsonTests(database));
    describe('teams', () => teamTests(database));
    describe('credentials', () => credentialTests(database));
    describe('notifier', () => notifierTests(database));
  });
}
