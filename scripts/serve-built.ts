/**
 * Builds the app for a sub-path and serves it there with the security headers a host must send,
 * as one copy for a workshop room would be: `tsx scripts/serve-built.ts /lab/ 4180`. The e2e
 * suite uses it to sign in to a copy hosted under a sub-path.
 */
import { loadEnv, build } from 'vite';
import { serveStatic } from './bench/staticServer.ts';
import { securityHeaders } from './csp.ts';

const base = process.argv[2] ?? '/lab/';
const port = Number(process.argv[3] ?? 4180);
if (!base.startsWith('/') || !base.endsWith('/')) throw new Error('the base must start and end with "/", like /lab/');

process.env.APP_BASE = base;
const outDir = `test-results/hosted${base.replaceAll('/', '-')}dist`;
await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
const env = { ...loadEnv('production', process.cwd(), 'VITE_'), ...process.env };
await serveStatic(outDir, port, securityHeaders(env), base);
console.log(`Serving the built app at http://localhost:${port}${base}`);
