// The console is served by the gateway at /console (same origin as the API, so the session cookie and
// the strict Content-Security-Policy need no exceptions). Hashed file names under /console/assets let
// the gateway cache them for a year; index.html is revalidated on every load.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // No inline modulepreload polyfill: every script is a file ('script-src self').
    modulePreload: { polyfill: false },
    // The gateway serves the map files only when asked; they help staff report problems precisely.
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
  },
});
