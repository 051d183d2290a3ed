// `pnpm bench` (e2e): the editor's performance benchmark. Playwright Test is only the harness —
// it starts the built server exactly as the e2e suite does (../playwright.config.ts) and hands
// over Debian's Chromium; the bench measures and reports, it asserts no timing.
import { defineConfig } from '@playwright/test';

// The e2e config also starts a Temporal dev server and a second app for its Temporal tests, and
// an OTLP receiver for its tracing tests; the bench uses only the app on the local executor (the
// one answering /healthz), so it needs no Temporal CLI, and without the OTEL_* settings the e2e
// suite gives it: the bench measures the app as `pnpm start` runs it, exporting no traces.
process.env.TEMPORAL_CLI_PATH ??= 'unused by the bench';
// ...nor the PostgreSQL database of that Temporal app.
process.env.E2E_TEMPORAL_DATABASE_URL ??= 'unused by the bench';
const { default: e2e } = await import('../playwright.config.js');
const servers = Array.isArray(e2e.webServer) ? e2e.webServer : [e2e.webServer];
const e2eApp = servers.find((server) => server?.url?.endsWith('/healthz'));
const app = e2eApp && {
  ...e2eApp,
  env: Object.fromEntries(
    Object.entries(e2eApp.env ?? {}).filter(([name]) => !name.startsWith('OTEL_')),
  ),
};

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
  ...(app ? { webServer: app } : {}),
});
