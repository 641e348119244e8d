import { defineConfig } from 'vite';

// The renderer: React + zustand, built to dist/renderer and loaded by Electron (file://) or served
// by the browser mode. Relative base so both work.
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  esbuild: { jsx: 'automatic' },
});
