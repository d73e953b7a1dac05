import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * The entry script imports the app's chunk (React and the views) only after it has asked for the inventory's
 * first page; this lists that chunk and its imports in the page as modulepreload, so they load in parallel.
 */
function preloadAppChunk(entry: string): Plugin {
  return {
    name: 'keyward-preload-app-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const app = chunks.find((c) => c.facadeModuleId === entry);
        if (!app) throw new Error(`preloadAppChunk: no chunk for ${entry}`);
        return [app.fileName, ...app.imports].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The CLI builds beside main: same Node target, same externalised dependencies.
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/main/index.ts'), cli: resolve(__dirname, 'electron/cli/cli.ts') },
      },
    },
  },
  preload: {
    // A sandboxed preload must be one self-contained CommonJS file.
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src'),
    plugins: [react(), preloadAppChunk(resolve(__dirname, 'src/render-app.tsx'))],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/index.html') } },
    },
  },
});
