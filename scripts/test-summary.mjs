#!/usr/bin/env node
// Prints a plain "N passed, N failed" line summed from the unit (Vitest) and
// end-to-end (Playwright) JSON reports, with the dependency audit's outcome, for CI to read (it is
// the last line of .ci/run). A runner that did not get to run counts nothing and is named, so a
// short count is never mistaken for a full run.
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

// The dependency audit (scripts/audit.mjs) on the last line: "audit NOT RUN" when the
// advisory service could not be reached, or when the audit never ran at all.
const audit = read(process.env.AUDIT_STATE_FILE ?? 'test-results/audit.json');
const auditWords = !audit
  ? 'audit NOT RUN (npm run audit did not get to run)'
  : audit.ran
    ? `audit: ${audit.critical} critical, ${audit.high} high`
    : `audit NOT RUN (${audit.reason})`;

if (missing.length) console.log(`not run: ${missing.join(', ')}`);
// The count alone on its line (the plain form CI reads), then the audit's outcome as the last line.
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
console.log(auditWords);
