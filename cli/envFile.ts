import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Sets `KEY=value` lines in a dotenv file, replacing only the lines of those keys (with or
 * without `export`) and keeping every other line as it was. The file is written whole to a
 * sibling with mode 0600 and renamed over the old one, so it is never readable by others, not
 * even for a moment, and never half-written.
 */
export function setEnvValues(path: string, values: Record<string, string>): void {
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const lines = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  for (const [key, value] of Object.entries(values)) {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(key)) throw new Error(`"${key}" is not a variable name`);
    if (/[\s"'\\]/.test(value)) throw new Error(`the value of ${key} would need quoting`);
    const line = `${key}=${value}`;
    const at = lines.findIndex((existing) => new RegExp(`^\\s*(export\\s+)?${key}=`).test(existing));
    if (at >= 0) lines[at] = line;
    else lines.push(line);
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temporary, `${lines.join('\n')}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/** The value of `KEY=` in a dotenv file, if the file and the line exist. */
export function readEnvValue(path: string, key: string): string | undefined {
  if (!existsSync(path)) return undefined;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = new RegExp(`^\\s*(?:export\\s+)?${key}=(.*)$`).exec(line);
    if (match) return match[1]!.trim().replace(/^["']|["']$/g, '');
  }
  return undefined;
}
