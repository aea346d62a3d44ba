import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzipped size of a file, in bytes, at zlib's default level (what most static hosts send). */
export function gzippedSize(path: string): number {
  return gzipSync(readFileSync(path)).length;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  src?: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/**
 * The JS and CSS a browser loads for the first paint of a built app, from Vite's manifest: the
 * entry (src/boot.ts), the app it loads at once (src/main.tsx), and everything either imports
 * statically, with their stylesheets. Code behind any other dynamic import is not among them.
 */
export function firstPaintAssets(distDir: string): { js: string[]; css: string[] } {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const roots = Object.entries(manifest)
    .filter(([key, chunk]) => chunk.isEntry || key === 'src/main.tsx')
    .map(([key]) => key);
  if (!roots.includes('src/main.tsx')) throw new Error('The manifest has no src/main.tsx chunk');
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  roots.forEach(visit);
  const chunks = [...seen].map((key) => manifest[key]!);
  return {
    js: chunks.map((chunk) => join(distDir, chunk.file)),
    css: [...new Set(chunks.flatMap((chunk) => chunk.css ?? []))].map((file) => join(distDir, file)),
  };
}
