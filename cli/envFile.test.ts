import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setEnvValues } from './envFile.ts';
import { CliError } from './errors.ts';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl';

function freshDir() {
  return mkdtempSync(join(tmpdir(), 'evo-env-'));
}

/** The error `run` throws, or undefined when it throws none. */
function thrown(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('the env file', () => {
  it('is written 0600 through a random sibling, leaving nothing else behind', () => {
    const dir = freshDir();
    const file = join(dir, 'a.env');
    writeFileSync(file, 'KEEP=1\n', { mode: 0o644 });
    setEnvValues(file, { EVO_ACCESS_TOKEN: TOKEN });
    expect(readFileSync(file, 'utf8')).toBe(`KEEP=1\nEVO_ACCESS_TOKEN=${TOKEN}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['a.env']);
  });

  it('a world-readable file planted at the temporary name never receives the token', () => {
    const dir = freshDir();
    const file = join(dir, 'a.env');
    const planted = join(dir, '.a.env.planted.tmp');
    writeFileSync(planted, '');
    chmodSync(planted, 0o644);
    const error = thrown(() => setEnvValues(file, { EVO_ACCESS_TOKEN: TOKEN }, () => '.a.env.planted.tmp'));
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(/EEXIST.*nothing was written/);
    expect(readFileSync(planted, 'utf8')).toBe('');
    expect(() => lstatSync(file)).toThrow(/ENOENT/);
  });

  it('a symbolic link planted at the temporary name does not carry the token into its target', () => {
    const dir = freshDir();
    const file = join(dir, 'a.env');
    const target = join(dir, 'elsewhere');
    writeFileSync(target, 'theirs\n');
    symlinkSync(target, join(dir, '.a.env.link.tmp'));
    const error = thrown(() => setEnvValues(file, { EVO_ACCESS_TOKEN: TOKEN }, () => '.a.env.link.tmp'));
    expect(error).toBeInstanceOf(CliError);
    expect(readFileSync(target, 'utf8')).toBe('theirs\n');
  });

  it('refuses FILE as a symbolic link, saying why, and writes nothing through it', () => {
    const dir = freshDir();
    const target = join(dir, 'real.env');
    writeFileSync(target, 'OTHER=1\n');
    const link = join(dir, 'link.env');
    symlinkSync(target, link);
    const error = thrown(() => setEnvValues(link, { EVO_ACCESS_TOKEN: TOKEN }));
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(/is a symbolic link.*another file/);
    expect(readFileSync(target, 'utf8')).toBe('OTHER=1\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['link.env', 'real.env']);
  });

  it('refuses a value that is not an RFC 6750 b64token, so a sourced file runs nothing', () => {
    const dir = freshDir();
    const file = join(dir, 'a.env');
    writeFileSync(file, 'KEEP=1\n');
    for (const hostile of ['x$(touch /tmp/pwned)', 'x;id', 'x`id`', 'a\nEVIL=1', 'x y', "x'", '']) {
      const error = thrown(() => setEnvValues(file, { EVO_ACCESS_TOKEN: hostile }));
      expect(error, JSON.stringify(hostile)).toBeInstanceOf(CliError);
      expect((error as Error).message).toMatch(/not a bearer token \(RFC 6750 b64token/);
    }
    expect(readFileSync(file, 'utf8')).toBe('KEEP=1\n');
    // What a token and its expiry look like is accepted.
    setEnvValues(file, {
      EVO_ACCESS_TOKEN: 'a-b.c_d~e+f/g==',
      EVO_ACCESS_TOKEN_EXPIRES_AT: '2030-01-01T00:00:00.000Z',
    });
    expect(readFileSync(file, 'utf8')).toBe(
      'KEEP=1\nEVO_ACCESS_TOKEN=a-b.c_d~e+f/g==\nEVO_ACCESS_TOKEN_EXPIRES_AT=2030-01-01T00:00:00.000Z\n',
    );
  });
});
