import { defineConfig } from 'vitest/config';

export default defineConfig({
  base: '/designer/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { proxy: { '/api': 'http://127.0.0.1:5080' } },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
