import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const AUDIT = resolve('scripts/audit.mjs');
const SUMMARY = resolve('scripts/test-summary.mjs');

/** Runs `npm run audit` then the CI summary in a fresh directory, with `npm audit` answering `answer`. */
function auditThenSummary(answer: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'audit-test-'));
  const fakeNpm = join(dir, 'npm');
  writeFileSync(join(dir, 'answer.json'), JSON.stringify(answer));
  writeFileSync(fakeNpm, `#!/bin/sh\ncat "${join(dir, 'answer.json')}"\nexit 1\n`);
  chmodSync(fakeNpm, 0o755);
  const env = { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}` };
  const audit = spawnSync(process.execPath, [AUDIT], { cwd: dir, env, encoding: 'utf8' });
  const summary = spawnSync(process.execPath, [SUMMARY], { cwd: dir, env, encoding: 'utf8' });
  const lines = summary.stdout.trim().split('\n');
  return { audit, last: lines[lines.length - 1] ?? '' };
}

describe('npm run audit, as CI reports it', () => {
  it('says "audit NOT RUN" on the summary’s last line when the advisory service cannot be reached', () => {
    // What the npm registry here answers to `npm audit`.
    const { audit, last } = auditThenSummary({
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    });
    expect(audit.status).toBe(0);
    expect(audit.stdout).toContain('audit NOT RUN');
    expect(last).toMatch(/^audit NOT RUN \(the advisory service could not be reached: 405 Method Not Allowed/);
  });

  it('says what the audit found when it ran, and fails on a high advisory', () => {
    const clean = auditThenSummary({ metadata: { vulnerabilities: { critical: 0, high: 0, moderate: 1, low: 0 } } });
    expect(clean.audit.status).toBe(0);
    expect(clean.last).toMatch(/^audit: 0 critical, 0 high$/);
    const serious = auditThenSummary({ metadata: { vulnerabilities: { critical: 0, high: 2, moderate: 0, low: 0 } } });
    expect(serious.audit.status).toBe(1);
    expect(serious.last).toMatch(/^audit: 0 critical, 2 high$/);
  });

  it('says "audit NOT RUN" when the audit never ran at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-test-'));
    const summary = spawnSync(process.execPath, [SUMMARY], { cwd: dir, encoding: 'utf8' });
    expect(summary.stdout.trim().split('\n').at(-1)).toMatch(/audit NOT RUN/);
  });
});
