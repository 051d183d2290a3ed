import { createAuditRepository } from './auditRepository.js';
import { createCredentialRepository } from './credentialRepository.js';
import type { Db } from './db.js';
import { createGraphRepository } from './graphRepository.js';
import { createRunEventRepository } from './runEventRepository.js';
import { createRunRepository } from './runRepository.js';
import { createShareRepository } from './shareRepository.js';
import { createTeamRepository } from './teamRepository.js';
import type { Database } from './types.js';

/** The repositories of a Database, the same code on both drivers. */
export function createRepositories(
  db: Db,
): Pick<
  Database,
  'graphs' | 'runs' | 'events' | 'teams' | 'audit' | 'shares' | 'credentials' | 'orm'
> {
  return {
    orm: db,
    teams: createTeamRepository(db),
    audit: createAuditRepository(db),
    credentials: createCredentialRepository(db),
    shares: createShareRepository(db),
    graphs: createGraphRepository(db),
    runs: createRunRepository(db),
    events: createRunEventRepository(db),
  };
}

/** Makes close() idempotent: later calls get the first call's promise. */
export function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}
