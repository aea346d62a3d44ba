import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

const gzipped = new Map<string, { body: Buffer; zipped: Buffer }>();
/**
 * Each file compressed once, as a static host or a CDN keeps it: compressing on every request
 * would hold up the sandbox, which often shares this process, while a page loads its code.
 */
function compressed(file: string, body: Buffer): Buffer {
  const cached = gzipped.get(file);
  if (cached?.body.equals(body)) return cached.zipped;
  const zipped = gzipSync(body);
  gzipped.set(file, { body, zipped });
  return zipped;
}

/**
 * Serves a built single-page app from `root` on loopback under `base`, as a static host would:
 * hashed assets cached for a year, gzip when asked, every unknown path answered with index.html.
 */
export async function serveStatic(
  root: string,
  port: number,
  headers: Record<string, string> = {},
  base = '/',
): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      const requested = new URL(req.url ?? '/', 'http://x').pathname;
      if (!requested.startsWith(base)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`This copy of the app is served under ${base}`);
        return;
      }
      const path = normalize(decodeURIComponent(`/${requested.slice(base.length)}`)).replace(/^(\.\.[/\\])+/, '');
      let file = join(root, path);
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        file = join(root, 'index.html');
        body = await readFile(file);
      }
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'])) && /text|json|svg/.test(type);
      res.writeHead(200, {
        ...headers,
        'content-type': type,
        'cache-control': file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      res.end(gzip ? compressed(file, body) : body);
    })().catch(() => {
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}
