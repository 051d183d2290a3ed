import { defineProjectConfig } from '../../vitest.shared.js';

// PGlite starts in ~1-3 s and the PostgreSQL suite creates databases: allow for it.
export default defineProjectConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
