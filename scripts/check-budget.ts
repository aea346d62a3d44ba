/**
 * `npm run budget`: builds the app and fails if the JS loaded on first paint is over budget.
 * (The request budget, one metadata fetch, token request and Discovery call per sign-in, is
 * checked by the end-to-end test "makes each protocol request once".)
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { BUDGETS, kB } from './bench/budgets.ts';
import { firstPaintAssets, gzippedSize } from './bench/firstPaint.ts';

const outDir = 'test-results/budget-dist';
await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false, manifest: true } });

const { js, css } = firstPaintAssets(outDir);
const firstPaintJs = js.reduce((sum, file) => sum + gzippedSize(file), 0);
const firstPaintCss = css.reduce((sum, file) => sum + gzippedSize(file), 0);
const allJs = readdirSync(join(outDir, 'assets'))
  .filter((name) => name.endsWith('.js'))
  .reduce((sum, name) => sum + gzippedSize(join(outDir, 'assets', name)), 0);
const budget = BUDGETS.firstPaintJsKb * 1000;

console.log(`first-paint JS  ${kB(firstPaintJs)} gzipped (budget ${BUDGETS.firstPaintJsKb} kB)`);
console.log(`first-paint CSS ${kB(firstPaintCss)} gzipped`);
console.log(`all JS          ${kB(allJs)} gzipped`);
if (firstPaintJs > budget) {
  console.error(
    `Over budget by ${kB(firstPaintJs - budget)}: move code only a signed-in page needs behind a dynamic import.`,
  );
  process.exit(1);
}
