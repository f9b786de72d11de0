import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  // Relative asset paths so the same build loads from file:// in Electron and from the loopback server.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // three.js and react-three-fiber make a ~1.2 MB bundle; a desktop app loads it from disk (or loopback) once.
    chunkSizeWarningLimit: 1600,
  },
});
