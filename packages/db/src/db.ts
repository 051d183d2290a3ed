import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** A drizzle database over either driver; the repositories use only what both support. */
export type Db = PgDatabase<PgQueryResultHKT>;
