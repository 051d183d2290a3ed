// One lint setup for the whole repository: typed rules (floating promises are errors) and package
// boundaries (dependencies point inward, see ../shared/DESIGN.md).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Deep imports into another package's internals are never allowed. */
const noDeepImports = {
  group: ['@beluga/*/src', '@beluga/*/src/**', '@beluga/*/dist', '@beluga/*/dist/**'],
  message: 'Import a package through its public entry (or a deliberate subpath), never its src/.',
};

/** What each package may not import, by layer: apps -> api -> (db, temporal, nodes, graph) -> orchestration. */
const boundaries = {
  'packages/orchestration/**': [
    '@beluga/*',
    'express',
    'react',
    'react-dom',
    '@trpc/*',
    '@temporalio/*',
    'drizzle-orm',
    'drizzle-orm/*',
    'pg',
    '@electric-sql/*',
  ],
  'packages/graph/**': [
    '@beluga/api',
    '@beluga/db',
    '@beluga/temporal',
    '@beluga/nodes',
    'express',
    'react',
  ],
  'packages/nodes/**': ['@beluga/api', '@beluga/db', '@beluga/temporal', 'express', 'react'],
  'packages/db/**': ['@beluga/api', '@beluga/temporal', 'express', 'react'],
  'packages/temporal/**': ['@beluga/api', '@beluga/db', 'express', 'react'],
  'packages/api/**': ['express', 'react'],
  'apps/web/**': [
    '@beluga/db',
    '@beluga/temporal',
    '@temporalio/*',
    'pg',
    'drizzle-orm',
    'express',
  ],
};

const boundaryConfigs = Object.entries(boundaries).map(([dir, banned]) => ({
  files: [`${dir}/*.ts`, `${dir}/*.tsx`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          noDeepImports,
          {
            group: banned,
            message: `Not allowed in ${dir.split('/**')[0]}: dependencies point inward.`,
          },
        ],
      },
    ],
  },
}));

/**
 * The scheduler is reused by the Temporal workflow bundle and must be deterministic: it imports
 * only itself and ../errors.js, and uses no Node API, timer, clock or randomness.
 */
const deterministicRules = {
  'no-restricted-globals': ['error', 'process', 'setTimeout', 'setInterval', 'Buffer', 'Date'],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Deterministic code takes no randomness.' },
  ],
};
const workflowSafe = {
  files: ['packages/orchestration/src/scheduler/**/*.ts'],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '^(?!\\./|\\.\\./errors\\.js$)',
            message:
              'The scheduler runs inside Temporal workflows: it imports only itself and ../errors.js.',
          },
        ],
      },
    ],
    ...deterministicRules,
  },
};

/** Temporal workflow files run in a deterministic sandbox: no Node built-ins, no I/O. */
const workflowFiles = {
  files: ['**/workflows.ts', '**/workflows/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          noDeepImports,
          {
            group: [
              'node:*',
              'fs',
              'path',
              'os',
              'http',
              'https',
              'net',
              'child_process',
              'crypto',
            ],
            message: 'Workflow code is deterministic: no Node APIs (use activities).',
          },
        ],
      },
    ],
    // Temporal's sandbox makes Date, Math.random and timers deterministic; process and Buffer
    // do not exist there.
    'no-restricted-globals': ['error', 'process', 'Buffer'],
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      'data/**',
      '**/coverage/**',
      '**/test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', { patterns: [noDeepImports] }],
    },
  },
  ...boundaryConfigs,
  workflowSafe,
  workflowFiles,
  {
    files: ['**/*.test.ts', '**/bench/**/*.ts', '**/test/**/*.ts', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
