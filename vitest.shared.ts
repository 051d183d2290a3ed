// Shared Vitest settings: workspace packages resolve to their TypeScript sources through the
// "@beluga/source" export condition, so tests never need a prior build.
import { defaultServerConditions } from 'vite';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

// Without Vite's `module` condition: Node does not know it, and a package whose `module` build
// only bundlers can load (OpenTelemetry 1.x's semantic-conventions, with directory imports)
// would fail under the tests while it works in the product.
const conditions = [
  '@beluga/source',
  ...defaultServerConditions.filter((condition) => condition !== 'module'),
];

export function defineProjectConfig(test: NonNullable<ViteUserConfig['test']> = {}) {
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      // The JSON report feeds the one-line summary that scripts/test.sh prints at the end.
      reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
      // Suites start real databases, servers and processes while turbo runs every package at
      // once on a small machine: a set-up that takes 3 s when quiet can take 15 s then.
      hookTimeout: 60_000,
      testTimeout: 30_000,
      ...test,
    },
  });
}
