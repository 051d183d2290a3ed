import { and, desc, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';
import { pageSize } from './errors.js';
import { auditLog } from './schema.js';
import type { AuditEntry, AuditRepository } from './types.js';

type AuditRow = typeof auditLog.$inferSelect;

function toEntry(row: AuditRow): AuditEntry {
  return { ...row, details: (row.details ?? null) as AuditEntry['details'] };
}

/** The audit log over drizzle (see {@link AuditRepository}). */
export function createAuditRepository(db: Db): AuditRepository {
  return {
    async append(entry) {
      const [row] = await db
        .insert(auditLog)
        .values({ ...entry, id: randomUUID(), createdAt: new Date() })
        .returning();
      return toEntry(row!);
    },

    async list(workspaceId, options = {}) {
      const { before } = options;
      const rows = await db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.workspaceId, workspaceId),
            before &&
              sql`(${auditLog.createdAt}, ${auditLog.id}) < (${before.createdAt.toISOString()}::timestamptz, ${before.id})`,
          ),
        )
        .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
        .limit(pageSize(options.limit, 100, 1000));
      return rows.map(toEntry);
    },
  };
}
