// The repository's lint setup (../../eslint.config.js, applied from the repository root as if
// ESLint ran there) plus what keeps this package's workflow code deterministic: Temporal bundles
// src/workflows/ (and the plain-data modules it imports) into a sandbox that replays history,
// where Node built-ins, I/O and the Node-side packages have no place.
import { fileURLToPath } from 'node:url';
import root from '../../eslint.config.js';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** What workflow code must not import: Node, I/O, and everything that runs on the Node side. */
const nodeSide = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'http',
  'https',
  'net',
  'dns',
  'tls',
  'child_process',
  'worker_threads',
  'crypto',
  'stream',
  'events',
  'timers',
  'undici',
  'pg',
  'drizzle-orm',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@beluga/nodes',
  '@beluga/graph',
  '@beluga/db',
  '@beluga/api',
  '@opentelemetry/*',
  'zod',
];

export default [
  ...root.map((config) => ({ ...config, basePath: repositoryRoot })),
  {
    files: ['src/workflows/**/*.ts', 'src/shared.ts', 'src/retryPolicy.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@beluga/*/src', '@beluga/*/src/**', '@beluga/*/dist', '@beluga/*/dist/**'],
              message: 'Import a package through its public entry (or a deliberate subpath).',
            },
            {
              group: nodeSide,
              message:
                'Workflow code is deterministic and bundled for a sandbox: no Node APIs, no I/O (use an activity).',
            },
            {
              // The engine's main entry pulls in OpenTelemetry and zod: only its types, or the
              // workflow-safe subpaths (scheduler, run-state).
              regex: '^@beluga/orchestration$',
              allowTypeImports: true,
              message:
                'Import @beluga/orchestration/scheduler or /run-state in workflow code (types from the main entry are fine).',
            },
            {
              group: ['**/activities/*', '**/client/*', '**/worker/*', '**/eventSink*'],
              allowTypeImports: true,
              message:
                'Workflow code imports no Node-side module of this package (types are fine).',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'setInterval', 'setImmediate'],
    },
  },
];
