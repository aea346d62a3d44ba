/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type Plugin } from 'vite';
import { cspPlugin, securityHeaders } from './scripts/csp.ts';

// The app is served from http://localhost:3000: the redirect URI registered with the sandbox and
// the default of Seequent's own SDKs. `localhost`, not 127.0.0.1, because redirect URIs must match.
/**
 * The entry (src/boot.ts) imports the app (src/main.tsx) dynamically, so that a sign-in callback
 * can start its code exchange before React evaluates. This adds `modulepreload` links for the
 * app's chunk and its imports to index.html, so they download with the entry, not after it.
 */
function preloadApp(): Plugin {
  let base = '/';
  return {
    name: 'evo-lab:preload-app',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const app = Object.values(bundle).find(
          (item) => item.type === 'chunk' && item.facadeModuleId?.endsWith('/src/main.tsx'),
        );
        if (!app || app.type !== 'chunk') throw new Error('no chunk for src/main.tsx');
        return [app.fileName, ...app.imports]
          .filter((file, index, files) => files.indexOf(file) === index && !html.includes(`${base}${file}`))
          .map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), 'VITE_'), ...process.env };
  return {
    // Where the app is hosted: '/' by default, or a sub-path such as '/lab/' (APP_BASE), for one
    // copy served to a workshop room. Redirect and post-logout URIs follow it.
    base: process.env.APP_BASE ?? '/',
    plugins: [react(), cspPlugin(env), preloadApp()],
    server: {
      port: 3000,
      strictPort: true,
      host: 'localhost',
      headers: { 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' },
    },
    preview: { port: 4173, strictPort: true, host: 'localhost', headers: securityHeaders(env) },
    build: { target: 'es2022', sourcemap: true },
    test: {
      include: ['src/**/*.test.{ts,tsx}', 'sandbox/**/*.test.ts', 'scripts/**/*.test.ts', 'cli/**/*.test.ts'],
      environment: 'node',
      reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
    },
  };
});
