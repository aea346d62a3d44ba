#!/usr/bin/env node
// `npm run audit`: fails when the packages the app ships (not dev tools) have a high or critical
// advisory. When the advisory service cannot be reached (as on machines whose registry mirror has
// no audit endpoint) it says so plainly and does not pretend the check passed.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = undefined;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const reason = report?.message ?? report?.error?.summary ?? 'no answer';
  console.log(`npm audit: NOT CHECKED, the advisory service could not be reached (${reason}).`);
  process.exit(0);
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(
  `npm audit (runtime dependencies): ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`,
);
if (serious > 0) {
  console.error('High or critical advisories in runtime dependencies: run `npm audit --omit=dev` for details.');
  process.exit(1);
}
