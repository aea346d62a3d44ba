import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import {
  cspPlugin,
  DEV_SERVER_HEADERS,
  hostingHeadersPlugin,
  NETLIFY_HEADERS_FILE,
  netlifyHeaders,
  NGINX_HEADERS_FILE,
  nginxHeaders,
} from './csp.ts';

const SETTINGS = [
  {},
  { VITE_AUTHORITY: 'https://login.example.com', VITE_ALLOWED_ORIGINS: 'https://*.example.net http://127.0.0.1:3011' },
];

/** The policy the build writes into index.html's meta tag. */
function pagePolicy(env: Record<string, string | undefined>): string {
  const transform = cspPlugin(env).transformIndexHtml as { handler: (html: string) => string };
  const html = transform.handler('<html><head></head><body></body></html>');
  return /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
}

/** The headers a generated file sets, by name. */
function headersIn(text: string, line: RegExp): Record<string, string> {
  return Object.fromEntries([...text.matchAll(line)].map((match) => [match[1]!, match[2]!]));
}

describe('the hosting headers generated from scripts/csp.ts', () => {
  it.each(SETTINGS)('the nginx snippet forbids framing and carries the page’s own policy (%o)', (env) => {
    const snippet = nginxHeaders(env);
    const headers = headersIn(snippet, /^add_header ([\w-]+) "([^"]*)" always;$/gm);
    expect(headers['Content-Security-Policy']).toBe(`${pagePolicy(env)}; frame-ancestors 'none'`);
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(headers['Referrer-Policy']).toBe('no-referrer');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it.each(SETTINGS)('the _headers file says the same, for every path under the base (%o)', (env) => {
    const file = netlifyHeaders(env, '/lab/');
    expect(file).toMatch(/^\/lab\/\*$/m);
    const headers = headersIn(file, /^ {2}([\w-]+): (.*)$/gm);
    expect(headers['Content-Security-Policy']).toBe(`${pagePolicy(env)}; frame-ancestors 'none'`);
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(headers).toEqual(headersIn(nginxHeaders(env), /^add_header ([\w-]+) "([^"]*)" always;$/gm));
  });

  it('a build writes both files beside index.html', () => {
    const plugin = hostingHeadersPlugin({}) as Plugin & {
      configResolved: (config: { base: string }) => void;
      generateBundle: (this: { emitFile: (file: { fileName: string; source: string }) => void }) => void;
    };
    plugin.configResolved({ base: '/lab/' });
    const emitted: Record<string, string> = {};
    plugin.generateBundle.call({ emitFile: ({ fileName, source }) => (emitted[fileName] = source) });
    expect(emitted).toEqual({
      [NGINX_HEADERS_FILE]: nginxHeaders({}),
      [NETLIFY_HEADERS_FILE]: netlifyHeaders({}, '/lab/'),
    });
  });

  it('the dev server forbids framing too', () => {
    expect(DEV_SERVER_HEADERS['Content-Security-Policy']).toBe("frame-ancestors 'none'");
    expect(DEV_SERVER_HEADERS['X-Frame-Options']).toBe('DENY');
  });
});

describe('source maps', () => {
  it('a production build ships none unless BUILD_SOURCEMAP=1 asks', async () => {
    const { default: config } = await import('../vite.config.ts');
    const resolve = () =>
      (config as (env: { mode: string; command: 'build' }) => { build?: { sourcemap?: unknown } })({
        mode: 'production',
        command: 'build',
      }).build?.sourcemap;
    const before = process.env.BUILD_SOURCEMAP;
    try {
      delete process.env.BUILD_SOURCEMAP;
      expect(resolve()).toBe(false);
      process.env.BUILD_SOURCEMAP = '1';
      expect(resolve()).toBe(true);
    } finally {
      if (before === undefined) delete process.env.BUILD_SOURCEMAP;
      else process.env.BUILD_SOURCEMAP = before;
    }
  });
});
