import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Workspace packages resolve to their TypeScript sources, as in the tests.
const conditions = ['@beluga/source', 'browser', 'module', 'import', 'default'];

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: { conditions },
  server: {
    proxy: {
      '/trpc': 'http://localhost:3000',
      '/healthz': 'http://localhost:3000',
      '/v1/traces': 'http://localhost:3000',
      '/metrics': 'http://localhost:3000',
    },
  },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 2000 },
});
