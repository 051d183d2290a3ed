// `pnpm bench` (e2e): the editor's performance benchmark. Playwright Test is only the harness —
// it starts the built server exactly as the e2e suite does (../playwright.config.ts) and hands
// over Debian's Chromium; the bench measures and reports, it asserts no timing.
import { defineConfig } from '@playwright/test';
import e2e from '../playwright.config.js';

export default defineConfig({
  ...e2e,
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../test-results/bench',
  fullyParallel: false,
  workers: 1,
  timeout: 20 * 60_000,
  reporter: [['list']],
  use: { ...e2e.use, trace: 'off' },
});
