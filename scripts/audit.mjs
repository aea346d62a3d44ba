#!/usr/bin/env node
// `npm run audit`: fails when the packages the app ships (not dev tools) have a high or critical
// advisory. When the advisory service cannot be reached (as on machines whose registry has no
// audit endpoint: the npm registry mirror here answers 405) it says "audit NOT RUN" plainly, and
// writes that down (test-results/audit.json) for scripts/test-summary.mjs, whose line CI prints
// last: a check that did not run is never read as one that passed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const STATE = process.env.AUDIT_STATE_FILE ?? 'test-results/audit.json';

function remember(state) {
  try {
    mkdirSync(STATE.replace(/\/[^/]*$/, ''), { recursive: true });
    writeFileSync(STATE, JSON.stringify(state));
  } catch (error) {
    console.error(`audit: could not write ${STATE} (${error.message}); the summary will say the audit did not run.`);
  }
}

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = undefined;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const reason = String(report?.message ?? report?.error?.summary ?? run.error?.message ?? 'no answer')
    .split('\n')[0]
    .slice(0, 200);
  remember({ ran: false, reason: `the advisory service could not be reached: ${reason}` });
  console.log(`npm audit: audit NOT RUN, the advisory service could not be reached (${reason}).`);
  process.exit(0);
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
remember({ ran: true, critical: counts.critical ?? 0, high: counts.high ?? 0 });
console.log(
  `npm audit (runtime dependencies): ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`,
);
if (serious > 0) {
  console.error('High or critical advisories in runtime dependencies: run `npm audit --omit=dev` for details.');
  process.exit(1);
}
