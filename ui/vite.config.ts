// Builds the web UI into ui/dist, which the API server serves. JSX goes through Vite's own esbuild
// (no React plugin: its Babel/SWC layer buys Fast Refresh only), so a build needs no native
// binding beyond esbuild and rollup. `npm run dev:ui` serves it with the API proxied to a running
// server (CAPSTAN_API, default http://localhost:8080), or with the dev fixture
// (CAPSTAN_UI_FIXTURE=1), which is a development aid only and never used by tests.
import { defineConfig, type PluginOption } from 'vite';

const fixture = process.env['CAPSTAN_UI_FIXTURE'] === '1';
const api = process.env['CAPSTAN_API'] ?? 'http://localhost:8080';
// Loaded only in fixture mode, so a build never touches the dev fixture.
const plugins: PluginOption[] = fixture ? [(await import('./dev/fixture-plugin.ts')).fixturePlugin()] : [];

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  esbuild: { jsx: 'automatic' },
  plugins,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: fixture
      ? undefined
      : {
          '/api': { target: api, changeOrigin: true },
          '/auth': { target: api, changeOrigin: true },
          '/healthz': { target: api, changeOrigin: true },
        },
  },
});
