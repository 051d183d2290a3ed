import { defineProjectConfig } from '../../vitest.shared.js';

export default defineProjectConfig({ hookTimeout: 120_000, testTimeout: 120_000 });
