import { defineProjectConfig } from '../../vitest.shared.js';

// Each file starts its own Temporal dev server and bundles the workflows once; the real server
// and webpack take seconds, hence the generous hook timeout.
export default defineProjectConfig({ hookTimeout: 120_000, testTimeout: 120_000 });
