// The web console: sources and index.html live in src/web, the build lands in dist/web, which the server
// serves on the API's port (SPA fallback to index.html). In development `/api` is proxied to the server.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const api = { '/api': { target: process.env.BIHUAN_API ?? 'http://127.0.0.1:8080', changeOrigin: false } };

export default defineConfig({
  root: here('./src/web'),
  base: '/',
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, proxy: api },
  preview: { host: '127.0.0.1', port: 4173, proxy: api },
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // React changes less often than the console: its own chunk stays cached across deploys. Pages and
        // the antd parts they use are split by React.lazy (see app/routes.ts).
        codeSplitting: {
          groups: [{ name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ }],
        },
      },
    },
  },
});
