import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// the console: built into dist/console, which the api serves at / (one port, one process)
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  // a console is not a library: no inline scripts, so the api's Content-Security-Policy stays "self"
  build: {
    outDir: process.env.CONSOLE_OUT_DIR ?? fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // react-router marks its modules "use client" (for server components, which this is not)
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  css: {
    preprocessorOptions: {
      scss: { loadPaths: [fileURLToPath(new URL('../../node_modules', import.meta.url))], quietDeps: true },
    },
    // govuk-frontend carries an old IE hack the CSS minifier would stop on
    lightningcss: { errorRecovery: true },
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
