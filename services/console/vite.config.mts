import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The console is a static bundle the gateway serves (services/gateway). `npm run console:dev`
// serves it with hot reload and sends /api to a gateway on :3000.
export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: {
    alias: { '@rhythm/contracts/live': here('../../libs/contracts/src/live/index.ts') },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    sourcemap: true,
    // The first screen's budget is 250 kB gzipped (issue 12); screens load on demand.
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000', '/auth': 'http://127.0.0.1:3000' },
  },
});
