// Playwright Test against the built server, in Debian's Chromium (never a downloaded browser).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';
import { createTestDatabase } from '@beluga/testkit';
import { storageStatePath } from './tests/account.helpers.js';

const serverEntry = fileURLToPath(new URL('../apps/server/dist/main.js', import.meta.url));
if (!existsSync(serverEntry)) {
  throw new Error(`${serverEntry} does not exist: run \`pnpm build\` before \`pnpm test:e2e\`.`);
}

/** Resolves with a loopback port the kernel reports free right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// E2E_PORT if set, else a free port. Playwright loads this file again in each worker process;
// workers inherit E2E_PORT from the runner, so every process agrees on the port.
process.env.E2E_PORT ??= String(await freePort());
const port = process.env.E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;
// Each test run starts from an empty embedded database; workers inherit the runner's folder.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'beluga-e2e-'));
// The owner's signed-in state per app server, written by global-setup.ts (account.helpers.ts).
process.env.E2E_AUTH_DIR ??= mkdtempSync(join(tmpdir(), 'beluga-e2e-auth-'));

// A third server exporting its traces (and the browser's) to a real OTLP/HTTP receiver, for
// tests/observability.spec.ts, which reads what the receiver got at E2E_OTLP_URL/spans. The
// other servers record no spans, as a server configured without OTEL_* does.
process.env.E2E_OTLP_PORT ??= String(await freePort());
process.env.E2E_OTEL_APP_PORT ??= String(await freePort());
process.env.E2E_OTEL_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'beluga-e2e-otel-'));
const otlpPort = process.env.E2E_OTLP_PORT;
process.env.E2E_OTLP_URL = `http://127.0.0.1:${otlpPort}`;
process.env.E2E_OTEL_APP_URL = `http://127.0.0.1:${process.env.E2E_OTEL_APP_PORT}`;
const otlpReceiver = fileURLToPath(
  new URL('../packages/testkit/dist/otlpReceiverMain.js', import.meta.url),
);

// A second server with the temporal executor (an in-process worker) on a Temporal dev server,
// for tests/temporal.spec.ts; the first one has no Temporal, as `start.sh` without the flag.
const temporalCli = process.env.TEMPORAL_CLI_PATH;
if (!temporalCli) {
  throw new Error(
    'TEMPORAL_CLI_PATH is not set: run the tests through `bash scripts/test.sh`, or first ' +
      '`source scripts/lib.sh && ensure_temporal_cli`.',
  );
}
process.env.E2E_TEMPORAL_PORT ??= String(await freePort());
process.env.E2E_TEMPORAL_APP_PORT ??= String(await freePort());
process.env.E2E_TEMPORAL_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'beluga-e2e-temporal-'));
const temporalPort = process.env.E2E_TEMPORAL_PORT;
const temporalAppPort = process.env.E2E_TEMPORAL_APP_PORT;
const temporalDataDir = process.env.E2E_TEMPORAL_DATA_DIR;
process.env.E2E_TEMPORAL_APP_URL = `http://127.0.0.1:${temporalAppPort}`;
// That server keeps its data in PostgreSQL, as a team that scaled out runs it (the others use
// PGlite): a throwaway database on TEST_DATABASE_URL, dropped by global-teardown.ts.
if (!process.env.E2E_TEMPORAL_DATABASE_URL) {
  if (!process.env.TEST_DATABASE_URL) {
    throw new Error(
      'TEST_DATABASE_URL is not set: run the tests through `bash scripts/test.sh`, or first ' +
        '`source scripts/lib.sh && ensure_postgres`.',
    );
  }
  process.env.E2E_TEMPORAL_DATABASE_URL = (await createTestDatabase({ prefix: 'beluga_e2e' })).url;
}

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  // Signs the owner up on each app server: every test runs signed in (storageState below;
  // specs on the other servers use theirs).
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list'], ['json', { outputFile: './test-results/playwright.json' }]],
  use: { baseURL, trace: 'retain-on-failure' },
  // Runs on a loaded two-core machine (and a Temporal worker beside them) can take seconds to
  // paint their end: wait for it longer than Playwright's default 5 s.
  expect: { timeout: 15_000 },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        storageState: storageStatePath('main'),
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: `node ${JSON.stringify(serverEntry)}`,
      url: `${baseURL}/healthz`,
      env: {
        PORT: port,
        HOST: '127.0.0.1',
        DATA_DIR: process.env.E2E_DATA_DIR,
        // Only this e2e server: its graphs talk to local stand-ins of remote services (the
        // OpenAI-compatible test server on 127.0.0.1), which http.request and llm.chat refuse
        // to reach otherwise.
        BELUGA_ALLOW_PRIVATE_NETWORK: 'true',
        // Warnings and errors only in the report: an access line per API call would drown it.
        LOG_LEVEL: 'warn',
      },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      command: [
        JSON.stringify(temporalCli),
        'server start-dev --ip 127.0.0.1 --headless --log-level error',
        `--port ${temporalPort}`,
        `--db-filename ${JSON.stringify(join(temporalDataDir, 'temporal.db'))}`,
      ].join(' '),
      port: Number(temporalPort),
      reuseExistingServer: false,
      timeout: 60_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      // Started after the dev server answers (Playwright starts web servers in order).
      command: `node ${JSON.stringify(serverEntry)}`,
      url: `${process.env.E2E_TEMPORAL_APP_URL}/readyz`,
      env: {
        PORT: temporalAppPort,
        HOST: '127.0.0.1',
        DATA_DIR: temporalDataDir,
        DATABASE_URL: process.env.E2E_TEMPORAL_DATABASE_URL,
        TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
        TEMPORAL_TASK_QUEUE: 'e2e',
        BELUGA_TEMPORAL_WORKER: 'true',
      },
      reuseExistingServer: false,
      timeout: 90_000,
      // The worker's own INFO lines would drown the report; errors still show.
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
    {
      command: `node ${JSON.stringify(otlpReceiver)}`,
      url: `${process.env.E2E_OTLP_URL}/spans`,
      env: { OTLP_PORT: otlpPort },
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      command: `node ${JSON.stringify(serverEntry)}`,
      url: `${process.env.E2E_OTEL_APP_URL}/healthz`,
      env: {
        PORT: process.env.E2E_OTEL_APP_PORT,
        HOST: '127.0.0.1',
        DATA_DIR: process.env.E2E_OTEL_DATA_DIR,
        OTEL_EXPORTER_OTLP_ENDPOINT: process.env.E2E_OTLP_URL,
        OTEL_BSP_SCHEDULE_DELAY: '200',
        LOG_LEVEL: 'warn',
      },
      reuseExistingServer: false,
      timeout: 30_000,
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
  ],
});
