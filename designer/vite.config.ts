import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  base: '/designer/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // dist/.vite/manifest.json: the referral page looks up the viewer entry's hashed script and CSS there.
    manifest: true,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        // The read-only diagram of a referral (bpmn-js NavigatedViewer, no modeler), loaded by /referrals/{id}.
        viewer: fileURLToPath(new URL('./src/viewer/main.ts', import.meta.url)),
      },
    },
  },
  // The bundled templates and the issue texts live beside the engine; the dev server and Vitest read them too.
  server: {
    proxy: { '/api': 'http://127.0.0.1:5080' },
    fs: { allow: ['.', '../workflows/templates', '../workflows/ReferralFlow.Workflows/Validation'] },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup/svg.ts'],
    // Load the properties panel as the bundle does (its ESM build, 'module'): Node would take the CommonJS main, whose
    // preact is another copy than '@bpmn-io/properties-panel/preact', and the hooks of rendered entries would fail.
    alias: [
      { find: /^@bpmn-io\/properties-panel$/, replacement: '@bpmn-io/properties-panel/dist/index.esm.js' },
      { find: /^bpmn-js-properties-panel$/, replacement: 'bpmn-js-properties-panel/dist/index.esm.js' },
    ],
    server: { deps: { inline: ['@bpmn-io/properties-panel', 'bpmn-js-properties-panel', 'bpmn-js', 'diagram-js'] } },
  },
});
