import path from 'node:path';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';

/**
 * The console is built into dist/console and served by the API under /console/ (same origin:
 * no CORS, and the API's security headers apply). JSX goes through vite's own oxc transform.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [tailwindcss()],
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.join(import.meta.dirname, '../../dist/console'),
    emptyOutDir: true,
    // No source maps in the product: they would publish the source, not help a user.
    sourcemap: false,
  },
});
