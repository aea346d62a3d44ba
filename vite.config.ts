/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type HtmlTagDescriptor, type Plugin } from 'vite';
import { cspPlugin, DEV_SERVER_HEADERS, hostingHeadersPlugin, securityHeaders } from './scripts/csp.ts';

// The app is served from http://localhost:3000: the redirect URI registered with the sandbox and
// the default of Seequent's own SDKs. `localhost`, not 127.0.0.1, because redirect URIs must match.
/** A chunk's static imports, all the way down, and the CSS they bring, in load order. */
function staticClosure(bundle: Record<string, { type: string }>, start: string): { js: string[]; css: string[] } {
  const js: string[] = [];
  const css: string[] = [];
  const visit = (file: string) => {
    if (js.includes(file)) return;
    const chunk = bundle[file] as { type: string; imports?: string[]; viteMetadata?: { importedCss: Set<string> } };
    if (chunk?.type !== 'chunk') return;
    js.push(file);
    for (const sheet of chunk.viteMetadata?.importedCss ?? []) if (!css.includes(sheet)) css.push(sheet);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(start);
  return { js, css };
}

/**
 * The entry (src/boot.ts) imports the app (src/main.tsx) dynamically, so that a sign-in callback
 * can start its code exchange before React evaluates. This adds to index.html:
 * - `modulepreload` links for the app's chunk and its imports, and a stylesheet link for its CSS,
 *   so they download with the entry, not after it (a dynamic import waits for its CSS);
 * - the signed-in page's chunks and CSS as a `<meta name="evo-lab:signed-in-assets">` list, which a
 *   callback page preloads (without evaluating) while its code exchange runs (liveSessionModule.ts).
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
        const chunkOf = (suffix: string) => {
          const found = Object.values(bundle).find(
            (item) => item.type === 'chunk' && item.facadeModuleId?.endsWith(suffix),
          );
          if (!found || found.type !== 'chunk') throw new Error(`no chunk for ${suffix}`);
          return found;
        };
        const app = staticClosure(bundle, chunkOf('/src/main.tsx').fileName);
        const signedIn = staticClosure(bundle, chunkOf('/src/app/SignedInView.tsx').fileName);
        const inPage = (file: string) => html.includes(`${base}${file}`);
        const link =
          (rel: string) =>
          (file: string): HtmlTagDescriptor => ({
            tag: 'link',
            attrs: { rel, crossorigin: true, href: `${base}${file}` },
            injectTo: 'head',
          });
        const later = [
          ...signedIn.js.filter((file) => !app.js.includes(file)),
          ...signedIn.css.filter((file) => !app.css.includes(file)),
        ].filter((file) => !inPage(file));
        const tags: HtmlTagDescriptor[] = [
          ...app.js.filter((file) => !inPage(file)).map(link('modulepreload')),
          ...app.css.filter((file) => !inPage(file)).map(link('stylesheet')),
          {
            tag: 'meta',
            attrs: { name: 'evo-lab:signed-in-assets', content: later.map((file) => `${base}${file}`).join(' ') },
            injectTo: 'head',
          },
        ];
        return tags;
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
    plugins: [react(), cspPlugin(env), hostingHeadersPlugin(env), preloadApp()],
    server: {
      port: 3000,
      strictPort: true,
      host: 'localhost',
      // No page of another origin frames the dev server's app either (the rest of its CSP is in the page).
      headers: DEV_SERVER_HEADERS,
      // The Web app mode's backend-for-frontend (server/): same origin, so its cookie is first-party.
      proxy: { '/bff': { target: `http://127.0.0.1:${process.env.BFF_PORT ?? '3003'}`, xfwd: true } },
    },
    preview: { port: 4173, strictPort: true, host: 'localhost', headers: securityHeaders(env) },
    build: {
      target: 'es2022',
      // No source maps in a production build unless asked: BUILD_SOURCEMAP=1 npm run build.
      sourcemap: env.BUILD_SOURCEMAP === '1',
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              {
                // What the entry imports statically, also used by later chunks: one file, not five
                // small ones queued behind each other before a callback can start its exchange.
                name: 'boot',
                test: /src[\\/](config[\\/](contentSecurity|browserStorage|catalogue)|http[\\/](index|exchangeLog|door|hostPolicy|credential)|auth[\\/]sessionEvents|token[\\/]fingerprint)\.ts$|rolldown[\\/]runtime/,
              },
            ],
          },
        },
      },
    },
    test: {
      include: [
        'src/**/*.test.{ts,tsx}',
        'sandbox/**/*.test.ts',
        'scripts/**/*.test.ts',
        'cli/**/*.test.ts',
        'server/**/*.test.ts',
      ],
      environment: 'node',
      reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
    },
  };
});
