import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzipped size of a file, in bytes, at zlib's default level (what most static hosts send). */
export function gzippedSize(path: string): number {
  return gzipSync(readFileSync(path)).length;
}

/**
 * The JS and CSS a browser loads for the first paint of a built app: the files `index.html` names
 * (entry script, module preloads, stylesheets). Code behind a dynamic import is not among them.
 */
export function firstPaintAssets(distDir: string): { js: string[]; css: string[] } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"[^>]*>/g)].map((m) => ({
    tag: m[0],
    path: m[1]!,
  }));
  const local = refs.filter((ref) => !/^https?:/.test(ref.path));
  const file = (path: string) => join(distDir, path.replace(/^\.?\//, '').replace(/^.*?assets\//, 'assets/'));
  return {
    js: local.filter((ref) => ref.path.endsWith('.js')).map((ref) => file(ref.path)),
    css: local.filter((ref) => ref.path.endsWith('.css')).map((ref) => file(ref.path)),
  };
}
