import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/** The identity providers and Evo services a build may talk to, from its `VITE_*` settings. */
export function allowedOrigins(env: Record<string, string | undefined>): string[] {
  const origin = (value: string | undefined) => {
    try {
      return value ? new URL(value).origin : undefined;
    } catch {
      return undefined;
    }
  };
  const origins = [
    'https://ims.bentley.com',
    'https://qa-ims.bentley.com',
    'https://discover.api.seequent.com',
    // Evo hubs: https://{hub}.api.seequent.com
    'https://*.api.seequent.com',
    origin(env.VITE_AUTHORITY),
    origin(env.VITE_DISCOVERY_URL),
    origin(env.VITE_SANDBOX_AUTHORITY ?? 'http://127.0.0.1:3001'),
    origin(env.VITE_SANDBOX_DISCOVERY_URL ?? 'http://127.0.0.1:3002'),
    ...extraOrigins(env.VITE_ALLOWED_ORIGINS),
  ];
  return [...new Set(origins.filter((value): value is string => Boolean(value)))];
}

/**
 * `VITE_ALLOWED_ORIGINS`: more providers and Evo hosts a built copy may call, separated by spaces
 * or commas: `https://login.example.com https://*.example.net http://127.0.0.1:3011`. Each must
 * be an https origin (a `*.` wildcard host allowed) or a loopback http one; anything else stops the
 * build with the reason, rather than making a policy that blocks what the person meant to allow.
 */
export function extraOrigins(value: string | undefined): string[] {
  const entries = (value ?? '').split(/[\s,]+/).filter(Boolean);
  return entries.map((entry) => {
    if (entry.includes('[')) {
      throw new Error(
        `VITE_ALLOWED_ORIGINS: "${entry}" has an IPv6 address, which a Content-Security-Policy cannot list (browsers reject it). Use http://127.0.0.1:<port> or http://localhost:<port> instead.`,
      );
    }
    const match = /^(https?):\/\/(\*\.)?([^/:]+)(:\d+)?\/?$/.exec(entry);
    const loopback = match && ['localhost', '127.0.0.1'].includes(match[3]!.toLowerCase());
    if (!match || (match[1] === 'http' && (!loopback || match[2]))) {
      throw new Error(
        `VITE_ALLOWED_ORIGINS: "${entry}" is not an https origin (such as https://login.example.com or https://*.example.com) or a loopback http one (such as http://127.0.0.1:3011).`,
      );
    }
    return entry.replace(/\/$/, '').toLowerCase();
  });
}

/**
 * In development any loopback or https origin may be called, so that a provider typed in the page
 * works at once, without a rebuild or a restart. No IPv6 literal (`http://[::1]:*`): CSP's source
 * grammar has no IPv6 host, and Chromium rejects the source with a console error on every load.
 */
const DEV_ORIGINS = ['https:', 'http://localhost:*', 'http://127.0.0.1:*'];

/**
 * The Content-Security-Policy: scripts and styles only from this site, network calls only to the
 * configured identity providers, Evo and the sandbox. `dev` loosens what Vite's dev server needs
 * (its HMR socket, styles it injects, hashes of inline scripts it adds); `header` adds what only
 * an HTTP header can carry.
 */
export function contentSecurityPolicy(
  env: Record<string, string | undefined>,
  options: { dev?: { hmrOrigin: string; inlineScriptHashes: string[] }; header?: boolean } = {},
): string {
  const { dev, header } = options;
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...(dev?.inlineScriptHashes.map((hash) => `'${hash}'`) ?? [])],
    'style-src': ["'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...allowedOrigins(env), ...(dev ? [dev.hmrOrigin, ...DEV_ORIGINS] : [])],
    // Vite's dev client polls for its server from a blob: worker when the connection drops.
    ...(dev ? { 'worker-src': ["'self'", 'blob:'] } : {}),
    'frame-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    ...(header ? { 'frame-ancestors': ["'none'"] } : {}),
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Headers the app must be served with (dev server, preview, and any host: see the README). */
export function securityHeaders(env: Record<string, string | undefined>): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(env, { header: true }),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    // For browsers that predate frame-ancestors.
    'X-Frame-Options': 'DENY',
  };
}

/** What the dev server sends: no page of another origin may frame it (its CSP is in the page). */
export const DEV_SERVER_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

/** The file names a build writes the headers to, beside index.html (see hostingHeadersPlugin). */
export const NGINX_HEADERS_FILE = 'nginx-security-headers.conf';
export const NETLIFY_HEADERS_FILE = '_headers';

function checkedHeaderValue(name: string, value: string): string {
  if (/["$\\\r\n]/.test(value)) throw new Error(`the ${name} header holds a character a config file would misread`);
  return value;
}

/**
 * The security headers as an nginx snippet, to `include` in the `server` block that serves the
 * built copy (`always`: on error pages too). Generated, so a deployment copies it, never retypes it.
 */
export function nginxHeaders(env: Record<string, string | undefined>): string {
  const lines = Object.entries(securityHeaders(env)).map(
    ([name, value]) => `add_header ${name} "${checkedHeaderValue(name, value)}" always;`,
  );
  return `# Generated by scripts/csp.ts at build time: the headers this copy must be served with.\n${lines.join('\n')}\n`;
}

/** The same headers as a `_headers` file (Netlify, Cloudflare Pages), for every path under `base`. */
export function netlifyHeaders(env: Record<string, string | undefined>, base = '/'): string {
  const lines = Object.entries(securityHeaders(env)).map(
    ([name, value]) => `  ${name}: ${checkedHeaderValue(name, value)}`,
  );
  return `# Generated by scripts/csp.ts at build time: the headers this copy must be served with.\n${base}*\n${lines.join('\n')}\n`;
}

/** Writes both header files into the build output, from the same settings as the page's policy. */
export function hostingHeadersPlugin(env: Record<string, string | undefined>): Plugin {
  let base = '/';
  return {
    name: 'evo-sign-in-lab:hosting-headers',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: NGINX_HEADERS_FILE, source: nginxHeaders(env) });
      this.emitFile({ type: 'asset', fileName: NETLIFY_HEADERS_FILE, source: netlifyHeaders(env, base) });
    },
  };
}

/**
 * Puts the policy in index.html as a meta tag, so it holds wherever the files are served. In
 * development it allows, by hash, exactly the inline scripts Vite itself added.
 */
export function cspPlugin(env: Record<string, string | undefined>): Plugin {
  let devServer = false;
  let hmrOrigin = 'ws://localhost:3000';
  return {
    name: 'evo-sign-in-lab:csp',
    configureServer(server) {
      devServer = true;
      const port = server.config.server.port ?? 3000;
      hmrOrigin = `ws://localhost:${port}`;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const inlineScriptHashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
          .map((match) => match[1] ?? '')
          .filter((body) => body.trim() !== '')
          .map((body) => `sha256-${createHash('sha256').update(body).digest('base64')}`);
        const policy = contentSecurityPolicy(env, devServer ? { dev: { hmrOrigin, inlineScriptHashes } } : {});
        return html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
      },
    },
  };
}
