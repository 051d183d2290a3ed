// Playwright Test against the built server, in Debian's Chromium (never a downloaded browser).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

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

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list'], ['json', { outputFile: './test-results/playwright.json' }]],
  use: { baseURL, trace: 'retain-on-failure' },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
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
  webServer: {
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
    },
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
