import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiServer = 'http://127.0.0.1:8080';

/** The web app: `npx vite build --config web/vite.config.ts` writes web/dist, which the server serves. */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  server: {
    // In development the API runs separately (`chengxin serve`); everything else is Vite's.
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
      '/docs': apiServer,
      '/openapi.json': apiServer,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd is large; keeping it and React in their own chunks lets browsers cache them across releases.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            { name: 'antd', test: /[\\/]node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
