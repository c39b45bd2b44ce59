import { defineConfig } from 'vite';

// The renderer: built into dist/renderer, served by the web host and loaded by the Electron
// window from disk (relative asset paths so both work).
export default defineConfig({
  root: 'src-renderer',
  base: './',
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
});
