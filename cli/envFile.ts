import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from './errors.ts';

/**
 * RFC 6750 §2.1 b64token: what a bearer token may hold. Nothing in it is shell syntax, so a file
 * people `source` cannot be made to run anything by a hostile provider's "token".
 */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
/** The one other kind of value written: an expiry as `Date.toISOString()` gives it. */
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

function notFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** The file's text, or '' when there is none; refuses a symbolic link or anything not a plain file. */
function readExisting(path: string): string {
  let stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if (notFound(error)) return '';
    throw error;
  }
  if (stats.isSymbolicLink()) {
    throw new CliError(
      `${path} is a symbolic link: the token is not written through it (a link can send it into another file). Give the real file's path with --env.`,
    );
  }
  if (!stats.isFile()) throw new CliError(`${path} is not a plain file; give a file's path with --env.`);
  // O_NOFOLLOW: should a link appear after the check, it is refused here too.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Sets `KEY=value` lines in a dotenv file, replacing only the lines of those keys (with or
 * without `export`) and keeping every other line as it was. The whole file is written to a new
 * sibling with a random name, created exclusively (`wx`: nothing already there, not even a link,
 * is ever opened) with mode 0600 from the start, flushed to disk, then renamed over FILE: never
 * readable by others, not even for a moment, and never half-written. `temporaryName` is for tests.
 */
export function setEnvValues(
  path: string,
  values: Record<string, string>,
  temporaryName = () => `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`,
): void {
  for (const [key, value] of Object.entries(values)) {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(key)) throw new CliError(`"${key}" is not a variable name.`);
    if (!B64TOKEN.test(value) && !TIMESTAMP.test(value)) {
      throw new CliError(
        `The value for ${key} is not a bearer token (RFC 6750 b64token: letters, digits and - . _ ~ + / =); it could run as shell code in a file that is sourced, so nothing was written to ${path}. The provider sent something other than a token.`,
      );
    }
  }
  const before = readExisting(path);
  const lines = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  for (const [key, value] of Object.entries(values)) {
    const line = `${key}=${value}`;
    const at = lines.findIndex((existing) => new RegExp(`^\\s*(export\\s+)?${key}=`).test(existing));
    if (at >= 0) lines[at] = line;
    else lines.push(line);
  }
  const temporary = join(dirname(path), temporaryName());
  let fd: number;
  try {
    fd = openSync(temporary, 'wx', 0o600);
  } catch (error) {
    throw new CliError(
      `Could not create a new file beside ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}); nothing was written.`,
    );
  }
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, `${lines.join('\n')}\n`);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  // The rename itself on disk, where the platform lets a directory be flushed.
  try {
    const dir = openSync(dirname(path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Not every platform can fsync a directory; the file itself is flushed.
  }
}

/** The value of `KEY=` in a dotenv file, if the file and the line exist. */
export function readEnvValue(path: string, key: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
  for (const line of text.split('\n')) {
    const match = new RegExp(`^\\s*(?:export\\s+)?${key}=(.*)$`).exec(line);
    if (match) return match[1]!.trim().replace(/^["']|["']$/g, '');
  }
  return undefined;
}
