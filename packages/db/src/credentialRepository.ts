import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { isUniqueViolation } from './errors.js';
import { auditLog, credentials } from './schema.js';
import type { CredentialRepository, CredentialSummary, SealedCredential } from './types.js';

/** Every column but the sealed value: what leaves this file for listing. */
const summaryColumns = {
  id: credentials.id,
  workspaceId: credentials.workspaceId,
  name: credentials.name,
  hint: credentials.hint,
  createdAt: credentials.createdAt,
  createdBy: credentials.createdBy,
  updatedAt: credentials.updatedAt,
  updatedBy: credentials.updatedBy,
};

const byName = (workspaceId: string, name: string) =>
  and(eq(credentials.workspaceId, workspaceId), eq(credentials.name, name));

/** Credentials over drizzle (see {@link CredentialRepository}). */
export function createCredentialRepository(db: Db): CredentialRepository {
  return {
    list: (workspaceId) =>
      db
        .select(summaryColumns)
        .from(credentials)
        .where(eq(credentials.workspaceId, workspaceId))
        .orderBy(asc(credentials.name)),

    async get(workspaceId, name) {
      const [row] = await db.select().from(credentials).where(byName(workspaceId, name));
      return row;
    },

    listSealed: (workspaceId): Promise<SealedCredential[]> =>
      db.select().from(credentials).where(eq(credentials.workspaceId, workspaceId)),

    async set({ id, workspaceId, name, secret, hint, actorId }) {
      const now = new Date();
      const [row] = await db
        .insert(credentials)
        .values({
          id,
          workspaceId,
          name,
          secret,
          hint,
          createdAt: now,
          createdBy: actorId,
          updatedAt: now,
          updatedBy: actorId,
        })
        .onConflictDoUpdate({
          target: [credentials.workspaceId, credentials.name],
          set: { secret, hint, updatedAt: now, updatedBy: actorId },
        })
        // xmax is 0 on a row version made by an insert, not by an update (both drivers).
        .returning({ ...summaryColumns, created: sql<boolean>`(xmax = 0)` });
      const { created, ...credential } = row!;
      return { credential, created };
    },

    async rename({ workspaceId, from, to, secret, actorId }) {
      try {
        const [row] = await db
          .update(credentials)
          .set({ name: to, secret, updatedAt: new Date(), updatedBy: actorId })
          .where(byName(workspaceId, from))
          .returning(summaryColumns);
        return row ? { ok: true, credential: row } : { ok: false, reason: 'not_found' };
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, reason: 'exists' };
        throw error;
      }
    },

    async delete(workspaceId, name): Promise<CredentialSummary | undefined> {
      const [row] = await db
        .delete(credentials)
        .where(byName(workspaceId, name))
        .returning(summaryColumns);
      return row;
    },

    async recordUse({ workspaceId, credential, runId, actorId }) {
      // A deterministic id: the second writer of the same use meets the primary key.
      const written = await db
        .insert(auditLog)
        .values({
          id: `credential.use:${runId}:${credential.id}`,
          workspaceId,
          actorId,
          action: 'credential.use',
          targetType: 'credential',
          targetId: credential.id,
          details: { name: credential.name, runId },
          createdAt: new Date(),
        })
        .onConflictDoNothing()
        .returning({ id: auditLog.id });
      return written.length > 0;
    },
  };
}
