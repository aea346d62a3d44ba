#!/usr/bin/env node
// Prints one plain "N passed, N failed" line summed from the unit (Vitest) and end-to-end
// (Playwright) JSON reports, for CI to read. A runner that did not get to run counts nothing and
// is named, so a short count is never mistaken for a full run.
import { existsSync, readFileSync } from 'node:fs';

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

const unit = read('test-results/unit.json');
if (unit) {
  passed += unit.numPassedTests ?? 0;
  failed += unit.numFailedTests ?? 0;
  skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
} else missing.push('unit tests (Vitest)');

const e2e = read('test-results/e2e.json');
if (e2e?.stats) {
  passed += (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0);
  failed += e2e.stats.unexpected ?? 0;
  skipped += e2e.stats.skipped ?? 0;
} else missing.push('end-to-end tests (Playwright)');

if (missing.length) console.log(`not run: ${missing.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
