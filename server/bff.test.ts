/**
 * The BFF against the real sandbox twins, driven as a browser would be (cookies by hand):
 * CSRF, session fixation, sign-out, restart, two instances on one Redis, hostile input.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSandboxConfig } from '../sandbox/config.ts';
import { SANDBOX_WEB_SECRET, WEB_CLIENT_ID } from '../sandbox/ims/clients.ts';
import { persistentSigningKey } from '../sandbox/ims/provider.ts';
import { startSandbox, type Sandbox } from '../sandbox/main.ts';
import { CSRF_HEADER, forwardedClient } from './app.ts';
import { ConfigError, readBffConfig, type BffConfig } from './config.ts';
import { startBff, type RunningBff } from './main.ts';
import { sealer } from './sealing.ts';
import { sqliteStore } from './store.ts';

const APP = 'http://localhost:3210/';
const KEY = Buffer.alloc(32, 9);
const dir = mkdtempSync(join(tmpdir(), 'evo-bff-test-'));
const sqliteFile = join(dir, 'sessions.sqlite');
const signingKeyFile = join(dir, 'sandbox-signing-key.json');
const sandboxConfig = readSandboxConfig({ SANDBOX_IMS_PORT: '3211', SANDBOX_EVO_PORT: '3212', SANDBOX_APP_URLS: APP });
let sandbox: Sandbox;
const running: RunningBff[] = [];
/** Every refresh-token grant the IMS twin answered, to see renewal happen once. */
let refreshGrants = 0;

function bffConfig(overrides: Record<string, string> = {}): BffConfig {
  return readBffConfig({
    BFF_PORT: '3213',
    BFF_PUBLIC_URL: APP,
    BFF_ISSUER: sandbox.ims.issuer,
    BFF_DISCOVERY_URL: sandbox.evo.url,
    BFF_CLIENT_SECRET: SANDBOX_WEB_SECRET,
    BFF_SESSION_STORE: sqliteFile,
    BFF_SESSION_KEY: KEY.toString('base64'),
    ...overrides,
  });
}

async function bff(overrides: Record<string, string> = {}): Promise<RunningBff> {
  const started = await startBff(bffConfig(overrides));
  running.push(started);
  return started;
}

async function stop(instance: RunningBff): Promise<void> {
  running.splice(running.indexOf(instance), 1);
  await instance.close();
}

beforeAll(async () => {
  sandbox = await startSandbox(sandboxConfig, await persistentSigningKey(signingKeyFile));
  sandbox.ims.provider.on('grant.success', (ctx: { oidc: { params?: { grant_type?: unknown } } }) => {
    if (ctx.oidc.params?.grant_type === 'refresh_token') refreshGrants += 1;
  });
});
afterAll(async () => {
  for (const instance of [...running]) await instance.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A browser's cookie jar for one origin. */
class Jar {
  readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(response: Response): string[] {
    const raw = response.headers.getSetCookie();
    for (const line of raw) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return raw;
  }
}

/** Calls the BFF at `base` as the app's scripts do: its cookie and the CSRF header. */
async function call(base: string, jar: Jar, path: string, init: RequestInit = {}, csrf = true): Promise<Response> {
  const response = await fetch(`${base}${path}`, {
    ...init,
    redirect: 'manual',
    headers: {
      ...(init.headers as Record<string, string>),
      cookie: jar.header(),
      ...(csrf ? { [CSRF_HEADER]: '1' } : {}),
    },
  });
  jar.take(response);
  return response;
}

/** A GET sent with its path exactly as written (fetch would resolve "..", "%2e%2e" and "\\" first). */
function rawGet(base: string, path: string, jar: Jar): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = request(
      { host: url.hostname, port: url.port, path, headers: { cookie: jar.header(), [CSRF_HEADER]: '1' } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Signs ada in through the BFF at `base`, following the provider's pages by hand; `edit` changes
 * the provider's answer before the browser brings it to the callback.
 */
async function signIn(base: string, jar: Jar, edit?: (callback: URL) => void): Promise<Response> {
  const login = await call(base, jar, '/bff/login', {}, false);
  expect(login.status).toBe(302);
  const ims = new Jar();
  const hop = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: ims.header() },
    });
    ims.take(response);
    return new URL(response.headers.get('location') ?? '', url).toString();
  };
  let next = await hop(login.headers.get('location')!);
  next = await hop(next, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'ada@example.com', password: 'sandbox', action: 'login' }).toString(),
  });
  for (let i = 0; i < 10 && !next.startsWith(APP); i++) next = await hop(next);
  const callback = new URL(next);
  expect(callback.pathname).toBe('/bff/callback');
  edit?.(callback);
  return call(base, jar, `${callback.pathname}${callback.search}`, {}, false);
}

const SESSION = '__Host-evo-bff';

/** The tokens the BFF holds for every session, opened with the test key: the values to hunt for. */
async function storedTokens(file = sqliteFile): Promise<string[]> {
  const moduleName: string = 'node:sqlite';
  const { DatabaseSync } = (await import(moduleName)) as {
    DatabaseSync: new (path: string) => {
      prepare(sql: string): { all(): { key: string; value: string }[] };
      close(): void;
    };
  };
  const db = new DatabaseSync(file);
  const rows = db.prepare("SELECT key, value FROM bff_kv WHERE key LIKE 'session:%'").all();
  db.close();
  const open = sealer(KEY);
  return rows.flatMap((row) => {
    const tokens = JSON.parse(open.open((JSON.parse(row.value) as { tokens: string }).tokens, row.key) ?? '{}') as {
      access?: string;
      refresh?: string;
    };
    return [tokens.access, tokens.refresh].filter((t): t is string => typeof t === 'string');
  });
}

const discoveryPath = () => `/bff/evo/http/${new URL(sandbox.evo.url).host}/evo/identity/v2/discovery?service=evo`;

describe('BFF sign-in and session', () => {
  let instance: RunningBff;
  beforeAll(async () => {
    instance = await bff();
  });
  afterAll(async () => {
    await stop(instance);
  });

  it('signs in, sets a __Host- HttpOnly Secure SameSite=Lax cookie, and shows claims but never a token', async () => {
    const jar = new Jar();
    const callback = await signIn(instance.url, jar);
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe(APP);
    const cookie = callback.headers.getSetCookie().find((line) => line.startsWith(`${SESSION}=`))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);

    const session = await call(instance.url, jar, '/bff/session');
    const text = await session.text();
    const body = JSON.parse(text) as {
      signedIn: boolean;
      decodedOn: string;
      who: { email: string };
      scopes: string[];
      claims: { aud: unknown };
    };
    expect(body.signedIn).toBe(true);
    expect(body.decodedOn).toBe('server');
    expect(body.who.email).toBe('ada@example.com');
    expect(body.scopes).toContain('evo.discovery');
    const tokens = await storedTokens();
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    for (const token of tokens) expect(text).not.toContain(token);
    // Never a JWT string of any kind.
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  });

  it('keeps the tokens sealed at rest (AES-256-GCM), not readable in the store file', async () => {
    const jar = new Jar();
    await signIn(instance.url, jar);
    const store = await sqliteStore(sqliteFile);
    const id = jar.cookies.get(SESSION)!;
    const { createHash } = await import('node:crypto');
    const raw = (await store.get(`session:${createHash('sha256').update(id).digest('base64url')}`))!;
    await store.close();
    expect(raw).toBeDefined();
    expect(raw).not.toContain('eyJ');
    expect((JSON.parse(raw) as { tokens: string }).tokens).toMatch(/^v1\./);
  });

  it('refuses a state-changing call without the CSRF header, in words, and changes nothing', async () => {
    const jar = new Jar();
    await signIn(instance.url, jar);
    const refused = await call(instance.url, jar, '/bff/logout', { method: 'POST' }, false);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(((await refused.json()) as { detail: string }).detail).toContain(`${CSRF_HEADER}: 1`);
    const still = (await (await call(instance.url, jar, '/bff/session')).json()) as { signedIn: boolean };
    expect(still.signedIn).toBe(true);
    const crossOrigin = await call(instance.url, jar, '/bff/logout', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });
    expect(crossOrigin.status).toBe(403);
  });

  it('gives a new session id at sign-in: a planted or earlier id is never kept (no fixation)', async () => {
    const jar = new Jar();
    await signIn(instance.url, jar);
    const earlier = jar.cookies.get(SESSION)!;
    const kept = new Jar();
    kept.cookies.set(SESSION, earlier);
    // Signing in again in the same browser, with the earlier session cookie still sent.
    await signIn(instance.url, jar);
    const later = jar.cookies.get(SESSION)!;
    expect(later).toMatch(/^[\w-]{43}$/);
    expect(later).not.toBe(earlier);
    const old = (await (await call(instance.url, kept, '/bff/session')).json()) as { signedIn: boolean };
    expect(old.signedIn).toBe(false);

    // An attacker-chosen value of the right shape is not adopted either.
    const planted = 'A'.repeat(43);
    const victim = new Jar();
    victim.cookies.set(SESSION, planted);
    await signIn(instance.url, victim);
    expect(victim.cookies.get(SESSION)).not.toBe(planted);
    const attacker = new Jar();
    attacker.cookies.set(SESSION, planted);
    expect(
      ((await (await call(instance.url, attacker, '/bff/session')).json()) as { signedIn: boolean }).signedIn,
    ).toBe(false);
  });

  it('proxies Discovery and a hub with the bearer attached on the server, and refuses other hosts', async () => {
    const jar = new Jar();
    await signIn(instance.url, jar);
    const tokens = await storedTokens();
    const discovery = await call(instance.url, jar, discoveryPath());
    expect(discovery.status).toBe(200);
    expect(discovery.headers.get('x-evo-bff')).toMatch(/bearer attached on the server/);
    const text = await discovery.text();
    for (const token of tokens) expect(text).not.toContain(token);
    const body = JSON.parse(text) as { discovery: { organizations: unknown[]; hubs: { url: string; code: string }[] } };
    expect(body.discovery.organizations.length).toBeGreaterThan(0);
    const hub = new URL(body.discovery.hubs[0]!.url);
    const health = await call(instance.url, jar, `/bff/evo/http/${hub.host}${hub.pathname}/workspace/health_check`);
    expect(health.status).toBe(200);

    // The IMS twin is not Evo: the bearer is not sent there.
    const elsewhere = await call(
      instance.url,
      jar,
      `/bff/evo/http/${new URL(sandbox.ims.issuer).host}/connect/userinfo`,
    );
    expect(elsewhere.status).toBe(403);
    expect(((await elsewhere.json()) as { detail: string }).detail).toMatch(/does not send the bearer there/);
    const noSession = await call(instance.url, new Jar(), discoveryPath());
    expect(noSession.status).toBe(401);
  });

  it('renews an expiring access token once for many concurrent calls (single flight)', async () => {
    const jar = new Jar();
    await signIn(instance.url, jar);
    const { createHash } = await import('node:crypto');
    const key = `session:${createHash('sha256').update(jar.cookies.get(SESSION)!).digest('base64url')}`;
    const store = await sqliteStore(sqliteFile);
    const record = JSON.parse((await store.get(key))!) as { accessExpiresAt: number };
    record.accessExpiresAt = Math.floor(Date.now() / 1000) + 5;
    await store.set(key, JSON.stringify(record), 600);
    await store.close();
    const before = refreshGrants;
    const answers = await Promise.all(Array.from({ length: 5 }, () => call(instance.url, jar, discoveryPath())));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(refreshGrants - before).toBe(1);
    expect(answers[0]!.headers.get('x-evo-bff')).toMatch(/renewed/);
  });

  it('signs out: revokes the refresh token at the provider and deletes the session row', async () => {
    const jar = new Jar();
    await signIn(instance.url, jar);
    const { createHash } = await import('node:crypto');
    const key = `session:${createHash('sha256').update(jar.cookies.get(SESSION)!).digest('base64url')}`;
    const store = await sqliteStore(sqliteFile);
    const row = (await store.get(key))!;
    const refresh = (
      JSON.parse(sealer(KEY).open((JSON.parse(row) as { tokens: string }).tokens, key)!) as { refresh: string }
    ).refresh;
    expect(refresh).toBeTruthy();

    const out = await call(instance.url, jar, '/bff/logout', { method: 'POST' });
    const body = (await out.json()) as { refreshTokenRevoked: unknown; endSessionUrl: string };
    expect(body.refreshTokenRevoked).toBe(true);
    expect(new URL(body.endSessionUrl).pathname).toBe('/connect/endsession');
    expect(await store.get(key)).toBeUndefined();
    await store.close();
    expect(jar.cookies.has(SESSION)).toBe(false);

    const grant = await fetch(`${sandbox.ims.issuer}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refresh,
        client_id: WEB_CLIENT_ID,
        client_secret: SANDBOX_WEB_SECRET,
      }).toString(),
    });
    expect(grant.status).toBe(400);
    expect(((await grant.json()) as { error: string }).error).toBe('invalid_grant');
  });
});

describe('BFF hostile input', () => {
  let instance: RunningBff;
  beforeAll(async () => {
    instance = await bff({ BFF_PORT: '3214', BFF_RATE_LIMIT: '1000' });
  });
  afterAll(async () => {
    await stop(instance);
  });

  it('answers tampered cookies with "signed out" and a reason, and clears them', async () => {
    const cases: [string, RegExp][] = [
      ['not-a-session', /not one this server issued: sign in again/],
      ['%E0%A4%A', /not one this server issued/],
      [`${'B'.repeat(43)}x`, /not one this server issued/],
      ['"";;=', /not one this server issued/],
      // A value the cookie parser drops altogether: still named, so still refused in words.
      ['<script>"', /not one this server issued/],
      // The right shape, but never issued: unknown to the store.
      ['A'.repeat(43), /session has ended/],
    ];
    for (const [value, reason] of cases) {
      const jar = new Jar();
      jar.cookies.set(SESSION, value);
      const response = await call(instance.url, jar, '/bff/session');
      expect(response.status).toBe(200);
      const body = (await response.json()) as { signedIn: boolean; reason?: string };
      expect(body.signedIn).toBe(false);
      expect(body.reason).toMatch(reason);
      expect(response.headers.getSetCookie().join()).toMatch(new RegExp(`${SESSION}=; Max-Age=0`));
    }
  });

  it('refuses an unknown state, a missing code and a callback from another browser, with a page in words', async () => {
    const unknown = await call(instance.url, new Jar(), '/bff/callback?code=abc&state=never-issued&iss=x', {}, false);
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toMatch(/text\/html/);
    expect(await unknown.text()).toContain('did not start a sign-in with that state');
    const empty = await call(instance.url, new Jar(), '/bff/callback', {}, false);
    expect(await empty.text()).toContain('Not a sign-in answer');
    const denied = await call(
      instance.url,
      new Jar(),
      '/bff/callback?error=access_denied&error_description=%3Cscript%3E',
      {},
      false,
    );
    const deniedText = await denied.text();
    expect(deniedText).toContain('access_denied');
    expect(deniedText).not.toContain('<script>');

    // A real state, but its callback opened in a browser without the sign-in's cookie.
    const jar = new Jar();
    const login = await call(instance.url, jar, '/bff/login', {}, false);
    const state = new URL(login.headers.get('location')!).searchParams.get('state')!;
    const elsewhere = await call(
      instance.url,
      new Jar(),
      `/bff/callback?code=abc&state=${state}&iss=${encodeURIComponent(sandbox.ims.issuer)}`,
      {},
      false,
    );
    expect(await elsewhere.text()).toContain('started in another browser');
  });

  it('refuses an answer naming another issuer (RFC 9207 mix-up)', async () => {
    const jar = new Jar();
    const login = await call(instance.url, jar, '/bff/login', {}, false);
    const state = new URL(login.headers.get('location')!).searchParams.get('state')!;
    const response = await call(
      instance.url,
      jar,
      `/bff/callback?code=abc&state=${state}&iss=https%3A%2F%2Fevil.example`,
      {},
      false,
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Wrong issuer');
  });

  it('refuses an answer without iss when the provider promises iss (RFC 9207)', async () => {
    const metadata = (await (await fetch(`${sandbox.ims.issuer}/.well-known/openid-configuration`)).json()) as {
      authorization_response_iss_parameter_supported?: boolean;
    };
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true);
    const jar = new Jar();
    const response = await signIn(instance.url, jar, (callback) => callback.searchParams.delete('iss'));
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('Wrong issuer');
    expect(text).toContain('does not say which provider sent it');
    expect(jar.cookies.has(SESSION)).toBe(false);
  });

  it('sends frame-ancestors none, X-Frame-Options DENY and no-store on pages and JSON alike', async () => {
    const jar = new Jar();
    const callback = await signIn(instance.url, jar);
    const session = await call(instance.url, jar, '/bff/session');
    const errorPage = await call(instance.url, new Jar(), '/bff/callback?code=a&state=never', {}, false);
    const problem = await call(instance.url, jar, '/bff/nothing');
    const outside = await call(instance.url, jar, '/elsewhere');
    const html = await errorPage.text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    for (const response of [callback, session, errorPage, problem, outside]) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'none'");
      // The page's one inline style is allowed by its hash, and nothing else.
      expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
    for (const response of [callback, session, errorPage]) {
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('refuses URL tricks in the Evo path before anything reaches Evo (the page\'s host policy)', async () => {
    const jar = new Jar();
    await signIn(instance.url, jar);
    const evo = `/bff/evo/http/${new URL(sandbox.evo.url).host}`;
    const tricks: [string, RegExp][] = [
      [`${evo}/evo/identity/v2/discovery/..%2f..%2f..%2fadmin`, /encoded slashes/],
      [`${evo}/evo/identity/v2/discovery/%2e%2e/%2e%2e/admin`, /"\." or "\.\." segments/],
      [`${evo}/evo/identity/../../admin`, /"\." or "\.\." segments/],
      [`${evo}/evo/%5c..%5cadmin`, /encoded slashes/],
      [`/bff/evo/http/127.0.0.1:1/evo/identity/v2/discovery`, /another port/],
    ];
    for (const [path, reason] of tricks) {
      const response = await rawGet(instance.url, path, jar);
      expect(response.status, path).toBe(403);
      const body = JSON.parse(response.body) as { title: string; detail: string };
      expect(body.title, path).toBe('Host not allowed');
      expect(body.detail, path).toMatch(reason);
    }
    // A backslash is refused even before the BFF's routes (the HTTP server answers 400).
    expect((await rawGet(instance.url, `${evo}/evo\\..\\admin`, jar)).status).toBe(400);
    // Written plainly, the same call goes through.
    expect((await rawGet(instance.url, discoveryPath(), jar)).status).toBe(200);
  });

  it('answers huge headers with 431 in words and keeps serving', async () => {
    const response = await fetch(`${instance.url}/bff/session`, {
      headers: { [CSRF_HEADER]: '1', cookie: `${SESSION}=${'a'.repeat(40_000)}` },
    });
    expect(response.status).toBe(431);
    expect(((await response.json()) as { title: string }).title).toBe('Request headers too large');
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(Number(new URL(instance.url).port), '127.0.0.1', () => socket.write('GARBAGE\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('close', () => resolve(data));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`${instance.url}/bff/health`)).status).toBe(200);
  });

  it('refuses a malformed Evo address and an unknown endpoint with problem+json', async () => {
    const jar = new Jar();
    const bad = await call(instance.url, jar, '/bff/evo/ftp/exa mple/x');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    const missing = await call(instance.url, jar, '/bff/nothing');
    expect(missing.status).toBe(404);
  });
});

describe('BFF limits and settings', () => {
  it('rate-limits sign-in starts with a 429 page and Retry-After', async () => {
    const instance = await bff({ BFF_PORT: '3215', BFF_RATE_LIMIT: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(instance.url, new Jar(), '/bff/login', {}, false)).status);
      expect(statuses).toEqual([302, 302, 302, 429]);
      const again = await call(instance.url, new Jar(), '/bff/callback?state=x&code=y', {}, false);
      expect(again.status).toBe(429);
      expect(again.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await stop(instance);
    }
  });

  it('accepts an answer without iss when the provider does not promise iss, and still refuses a wrong one', async () => {
    // A provider that does not advertise authorization_response_iss_parameter_supported.
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      if (!url.endsWith('/.well-known/openid-configuration')) return response;
      const metadata = (await response.json()) as Record<string, unknown>;
      delete metadata.authorization_response_iss_parameter_supported;
      return Response.json(metadata);
    };
    const instance = await bff({ BFF_PORT: '3220' });
    try {
      const jar = new Jar();
      const signedIn = await signIn(instance.url, jar, (callback) => callback.searchParams.delete('iss'));
      expect(signedIn.status).toBe(303);
      expect(((await (await call(instance.url, jar, '/bff/session')).json()) as { signedIn: boolean }).signedIn).toBe(
        true,
      );
      const wrong = await signIn(instance.url, new Jar(), (callback) =>
        callback.searchParams.set('iss', 'https://evil.example'),
      );
      expect(wrong.status).toBe(400);
      expect(await wrong.text()).toContain('Wrong issuer');
    } finally {
      globalThis.fetch = realFetch;
      await stop(instance);
    }
  });

  it('rate-limits per client behind a trusted proxy (the right-most untrusted X-Forwarded-For hop)', async () => {
    const instance = await bff({ BFF_PORT: '3221', BFF_RATE_LIMIT: '2' });
    const login = async (forwardedFor: string) =>
      (await call(instance.url, new Jar(), '/bff/login', { headers: { 'x-forwarded-for': forwardedFor } }, false))
        .status;
    try {
      // The test's socket is on loopback, trusted by default, as the Vite dev proxy is.
      expect([await login('203.0.113.1'), await login('198.51.100.9, 203.0.113.1')]).toEqual([302, 302]);
      // Hops the client wrote to the left of the proxy's are not believed: the same budget.
      expect(await login('192.0.2.77, 203.0.113.1')).toBe(429);
      // Another client behind the same proxy has a budget of its own; loopback hops are skipped.
      expect(await login('203.0.113.2, 127.0.0.1')).toBe(302);
    } finally {
      await stop(instance);
    }
    const untrusting = await bff({ BFF_PORT: '3222', BFF_RATE_LIMIT: '2', BFF_TRUSTED_PROXIES: 'none' });
    try {
      const statuses: number[] = [];
      for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
        statuses.push(
          (await call(untrusting.url, new Jar(), '/bff/login', { headers: { 'x-forwarded-for': client } }, false))
            .status,
        );
      }
      // From a peer that is not a trusted proxy, X-Forwarded-For is ignored: one budget.
      expect(statuses).toEqual([302, 302, 429]);
    } finally {
      await stop(untrusting);
    }
  });

  it('reads BFF_TRUSTED_PROXIES as addresses and CIDR ranges, refusing anything else in words', () => {
    const trusted = bffConfig({ BFF_TRUSTED_PROXIES: '10.0.0.0/8, ::1' }).trustedProxies;
    expect(forwardedClient('10.1.2.3', '192.0.2.1, 10.9.9.9', trusted)).toBe('192.0.2.1');
    expect(forwardedClient('::ffff:10.1.2.3', '192.0.2.1', trusted)).toBe('192.0.2.1');
    expect(forwardedClient('192.0.2.50', '192.0.2.1', trusted)).toBe('192.0.2.50');
    expect(forwardedClient('10.1.2.3', 'garbage, 10.9.9.9', trusted)).toBe('10.9.9.9');
    expect(forwardedClient('127.0.0.1', '192.0.2.1', trusted)).toBe('127.0.0.1');
    expect(() => bffConfig({ BFF_TRUSTED_PROXIES: 'proxy.example' })).toThrow(/BFF_TRUSTED_PROXIES must list/);
    expect(() => bffConfig({ BFF_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(ConfigError);
  });

  it('refuses to start in production without a session key, saying why', () => {
    expect(() => bffConfig({ NODE_ENV: 'production', BFF_SESSION_KEY: '' })).toThrow(ConfigError);
    expect(() => bffConfig({ NODE_ENV: 'production', BFF_SESSION_KEY: '' })).toThrow(/BFF_SESSION_KEY is not set/);
    expect(() => bffConfig({ BFF_SESSION_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(() => bffConfig({ BFF_CLIENT_SECRET: '' })).toThrow(/no client secret/);
  });

  it('keeps sessions across a restart of the BFF and the sandbox (the SQLite file, the signing key file)', async () => {
    const first = await bff({ BFF_PORT: '3216' });
    const jar = new Jar();
    await signIn(first.url, jar);
    await stop(first);
    // As a restart of `npm start`: the sandbox too, with the key it kept in its file.
    await sandbox.close();
    sandbox = await startSandbox(sandboxConfig, await persistentSigningKey(signingKeyFile));
    const second = await bff({ BFF_PORT: '3216' });
    try {
      const session = (await (await call(second.url, jar, '/bff/session')).json()) as { signedIn: boolean };
      expect(session.signedIn).toBe(true);
      expect((await call(second.url, jar, discoveryPath())).status).toBe(200);
    } finally {
      await stop(second);
    }
  });
});

describe('two BFF instances on one Redis', () => {
  const redisPort = 3219;
  let redis: ChildProcess | undefined;
  const redisBin = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path));

  beforeAll(async () => {
    if (!redisBin) throw new Error('redis-server is not installed (apt-get install redis-server; .ci/run does this)');
    const redisDir = mkdtempSync(join(tmpdir(), 'evo-bff-redis-'));
    redis = spawn(
      redisBin,
      ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', redisDir, '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    for (let i = 0; i < 50; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = connect(redisPort, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
      if (up) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('redis-server did not start');
  });
  afterAll(() => {
    redis?.kill('SIGTERM');
  });

  it('signs in through one and calls Evo through the other', async () => {
    const store = `redis://127.0.0.1:${redisPort}`;
    const one = await bff({ BFF_PORT: '3217', BFF_SESSION_STORE: store });
    const two = await bff({ BFF_PORT: '3218', BFF_SESSION_STORE: store });
    try {
      const jar = new Jar();
      await signIn(one.url, jar);
      expect(one.store.kind).toBe('redis');
      const viaTwo = await call(two.url, jar, discoveryPath());
      expect(viaTwo.status).toBe(200);
      const session = (await (await call(two.url, jar, '/bff/session')).json()) as { session: { store: string } };
      expect(session.session.store).toBe('redis');
      const id = jar.cookies.get(SESSION)!;
      await call(two.url, jar, '/bff/logout', { method: 'POST' });
      jar.cookies.set(SESSION, id);
      expect((await call(one.url, jar, discoveryPath())).status).toBe(401);
    } finally {
      await stop(one);
      await stop(two);
    }
  });
});
