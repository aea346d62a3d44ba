/**
 * `npm run budget`: builds the app and fails if the JS loaded on first paint is over budget.
 * (The request budget, one metadata fetch, token request and Discovery call per sign-in, is
 * checked by the end-to-end test "makes each protocol request once".)
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { firstPaintAssets, gzippedSize } from './bench/firstPaint.ts';

export const FIRST_PAINT_JS_BUDGET_KB = 110;

const outDir = 'test-results/budget-dist';
await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });

const { js, css } = firstPaintAssets(outDir);
const kb = (bytes: number) => bytes / 1024;
const firstPaintJs = kb(js.reduce((sum, file) => sum + gzippedSize(file), 0));
const firstPaintCss = kb(css.reduce((sum, file) => sum + gzippedSize(file), 0));
const allJs = kb(
  readdirSync(join(outDir, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .reduce((sum, name) => sum + gzippedSize(join(outDir, 'assets', name)), 0),
);

console.log(`first-paint JS  ${firstPaintJs.toFixed(1)} kB gzipped (budget ${FIRST_PAINT_JS_BUDGET_KB} kB)`);
console.log(`first-paint CSS ${firstPaintCss.toFixed(1)} kB gzipped`);
console.log(`all JS          ${allJs.toFixed(1)} kB gzipped`);
if (firstPaintJs > FIRST_PAINT_JS_BUDGET_KB) {
  console.error(
    `Over budget by ${(firstPaintJs - FIRST_PAINT_JS_BUDGET_KB).toFixed(1)} kB: move code only a signed-in page needs behind a dynamic import.`,
  );
  process.exit(1);
}
