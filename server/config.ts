/**
 * The BFF's settings, all from the environment (or a file it names). The client secret is never
 * read from argv, so it does not show in `ps` or a shell history, and never reaches the page.
 */
import { readFileSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { resolve } from 'node:path';

/** Where the sandbox's web client is registered; published on purpose, like the service secret. */
export const SANDBOX_WEB_CLIENT_ID = 'evo-sandbox-web';

export interface BffConfig {
  port: number;
  host: string;
  /** Where the browser reaches the BFF (the app's origin, through its proxy), ending in `/`. */
  publicUrl: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  discoveryUrl: string;
  scope: string;
  /** `redis://…`/`rediss://…`, or a SQLite file path. */
  sessionStore: string;
  /** 32-byte AES-256-GCM key for tokens at rest; undefined means "use the dev key file". */
  sessionKey: Buffer | undefined;
  sessionKeyFile: string;
  idleTimeoutSeconds: number;
  absoluteTimeoutSeconds: number;
  /** Sign-in attempts (login plus callback) per client address per minute. */
  rateLimitPerMinute: number;
  /** Proxies whose X-Forwarded-For is believed (BFF_TRUSTED_PROXIES); loopback by default. */
  trustedProxies: BlockList;
  production: boolean;
  /** The cookie's Secure flag; on by default (Chromium keeps Secure cookies on http://localhost). */
  secureCookie: boolean;
}

/** The folder for the BFF's session file and the dev keys: git-ignored. */
export const DATA_DIR = resolve(process.cwd(), '.lab-data');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
  }
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL; got "${raw}"`);
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname))) {
    throw new ConfigError(`${name} must be https, or http on a loopback address; got "${raw}"`);
  }
  return parsed.toString();
}

function secret(env: NodeJS.ProcessEnv): string {
  if (env.BFF_CLIENT_SECRET_FILE) {
    try {
      const value = readFileSync(env.BFF_CLIENT_SECRET_FILE, 'utf8').trim();
      if (value) return value;
    } catch (error) {
      throw new ConfigError(
        `BFF_CLIENT_SECRET_FILE names "${env.BFF_CLIENT_SECRET_FILE}", which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    throw new ConfigError(`BFF_CLIENT_SECRET_FILE "${env.BFF_CLIENT_SECRET_FILE}" is empty`);
  }
  if (env.BFF_CLIENT_SECRET) return env.BFF_CLIENT_SECRET;
  throw new ConfigError(
    'no client secret: set BFF_CLIENT_SECRET or BFF_CLIENT_SECRET_FILE (never a command-line argument). For the sandbox, the published secret is in sandbox/ims/clients.ts.',
  );
}

function key(env: NodeJS.ProcessEnv, production: boolean): Buffer | undefined {
  const raw = env.BFF_SESSION_KEY;
  if (!raw) {
    if (production) {
      throw new ConfigError(
        'BFF_SESSION_KEY is not set, and NODE_ENV=production: refresh tokens cannot be stored unencrypted, and a key written to disk beside them protects nothing. Set BFF_SESSION_KEY to 32 random bytes in base64 (e.g. `openssl rand -base64 32`).',
      );
    }
    return undefined;
  }
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length !== 32) {
    throw new ConfigError(`BFF_SESSION_KEY must be 32 bytes in base64 (AES-256); it decodes to ${bytes.length} bytes`);
  }
  return bytes;
}

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) as `127.0.0.1`; other addresses as given. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/**
 * BFF_TRUSTED_PROXIES: comma-separated addresses or CIDR ranges (`10.0.0.0/8`, `::1`), or `none`.
 * Default: loopback, where the Vite dev proxy runs.
 */
function trustedProxies(env: NodeJS.ProcessEnv): BlockList {
  const raw = (env.BFF_TRUSTED_PROXIES ?? '127.0.0.0/8,::1').trim();
  const list = new BlockList();
  if (raw === '' || raw === 'none') return list;
  for (const entry of raw.split(',').map((part) => part.trim())) {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? undefined : Number(bits);
    const max = family === 4 ? 32 : 128;
    if (
      family === 0 ||
      rest.length > 0 ||
      (prefix !== undefined && (bits === '' || !Number.isInteger(prefix) || prefix < 0 || prefix > max))
    ) {
      throw new ConfigError(
        `BFF_TRUSTED_PROXIES must list IP addresses or CIDR ranges separated by commas (e.g. "127.0.0.1,10.0.0.0/8"), or "none"; "${entry}" is neither`,
      );
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return list;
}

/** Reads the settings, failing with a reason in words on a missing or bad value. */
export function readBffConfig(env: NodeJS.ProcessEnv = process.env): BffConfig {
  const production = env.NODE_ENV === 'production';
  const host = env.BFF_HOST || '127.0.0.1';
  const publicUrl = url(env, 'BFF_PUBLIC_URL', 'http://localhost:3000/');
  return {
    port: int(env, 'BFF_PORT', 3003, 1, 65535),
    host,
    publicUrl: publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`,
    issuer: url(env, 'BFF_ISSUER', env.VITE_SANDBOX_AUTHORITY || 'http://127.0.0.1:3001').replace(/\/$/, ''),
    clientId: env.BFF_CLIENT_ID || SANDBOX_WEB_CLIENT_ID,
    clientSecret: secret(env),
    discoveryUrl: url(env, 'BFF_DISCOVERY_URL', env.VITE_SANDBOX_DISCOVERY_URL || 'http://127.0.0.1:3002').replace(
      /\/+$/,
      '',
    ),
    scope: env.BFF_SCOPES || 'evo.discovery evo.workspace evo.object evo.file evo.blocksync evo.audit offline_access',
    sessionStore: env.BFF_SESSION_STORE || resolve(DATA_DIR, 'bff-sessions.sqlite'),
    sessionKey: key(env, production),
    sessionKeyFile: env.BFF_SESSION_KEY_FILE || resolve(DATA_DIR, 'bff-session.key'),
    idleTimeoutSeconds: int(env, 'BFF_IDLE_TIMEOUT', 30 * 60, 10, 30 * 24 * 3600),
    absoluteTimeoutSeconds: int(env, 'BFF_ABSOLUTE_TIMEOUT', 8 * 3600, 10, 90 * 24 * 3600),
    rateLimitPerMinute: int(env, 'BFF_RATE_LIMIT', 30, 1, 100_000),
    trustedProxies: trustedProxies(env),
    production,
    secureCookie: env.BFF_INSECURE_COOKIE !== '1',
  };
}
