/**
 * The backend-for-frontend: a confidential OAuth client (authorization code + PKCE + client
 * secret) that keeps the tokens on the server. The browser gets one HttpOnly cookie; every Evo
 * call goes through `/bff/evo/*`, where the bearer is attached here and never sent back.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP, type BlockList } from 'node:net';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
// The page's own URL-trick refusal (Node-safe: it imports nothing but http/credential.ts).
import { checkTarget } from '../src/http/hostPolicy.ts';
import { plainAddress, type BffConfig } from './config.ts';
import { errorPage, PAGE_STYLE_HASH } from './pages.ts';
import type { Sealer } from './sealing.ts';
import type { KeyValueStore } from './store.ts';

/** The custom header every call but the two sign-in navigations must carry (CSRF). */
export const CSRF_HEADER = 'X-Evo-BFF';
/** How long a started sign-in may take before its state is forgotten. */
const LOGIN_TTL_SECONDS = 10 * 60;
/** Renew when the access token has less than this left. */
const RENEW_MARGIN_SECONDS = 30;
/** Largest request body the proxy passes on. */
const MAX_BODY_BYTES = 1024 * 1024;
const EVO_TIMEOUT_MS = 15_000;
const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** At most this many X-Forwarded-For hops are read, right to left. */
const MAX_FORWARDED_HOPS = 32;
/** The reason given for a session cookie this server could not have set. */
export const FOREIGN_COOKIE_REASON =
  'The session cookie was not one this server issued: sign in again. (It was cleared.)';

/**
 * Sent on every BFF answer, HTML or JSON: nothing loads but the error page's own inline style
 * (by its hash), and no site may frame a BFF page (clickjacking).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': `default-src 'none'; style-src '${PAGE_STYLE_HASH}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

interface SessionRecord {
  sub: string;
  claims: Record<string, unknown>;
  scopes: string[];
  accessExpiresAt: number;
  createdAt: number;
  lastSeenAt: number;
  /** Hub URLs the Discovery answer named for this session: the only other hosts the bearer goes to. */
  hubs: string[];
  hasRefreshToken: boolean;
  /** `{ access, refresh }`, sealed with AES-256-GCM under the session key. */
  tokens: string;
}
interface Tokens {
  access: string;
  refresh?: string;
}
interface PendingLogin {
  verifier: string;
  binding: string;
}
interface LoadedSession {
  id: string;
  key: string;
  record: SessionRecord;
}

export interface BffOptions {
  config: BffConfig;
  store: KeyValueStore;
  sealer: Sealer;
  /** For tests: the provider configuration, instead of discovering it. */
  fetchImpl?: typeof fetch;
}

const now = () => Math.floor(Date.now() / 1000);
const hash = (value: string) => createHash('sha256').update(value).digest('base64url');
const sessionKey = (id: string) => `session:${hash(id)}`;
const loginKey = (state: string) => `login:${hash(state)}`;

/** RFC 9457 problem details. */
function problem(c: Context, status: number, title: string, detail: string, extra: Record<string, unknown> = {}) {
  return c.body(JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }), status as 400, {
    'content-type': 'application/problem+json',
    'cache-control': 'no-store',
  });
}

function page(c: Context, status: number, title: string, detail: string, config: BffConfig) {
  return c.html(errorPage(title, detail, config.publicUrl), status as 400, { 'cache-control': 'no-store' });
}

/** A provider or network error in words, without any token. */
function describe(error: unknown): string {
  if (error instanceof oidc.ResponseBodyError) {
    return `the provider answered ${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  }
  if (error instanceof oidc.AuthorizationResponseError) {
    return `the provider answered ${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  }
  if (error instanceof Error) return error.message.slice(0, 300);
  return 'unexpected error';
}

function under(target: URL, prefix: string): boolean {
  let root: URL;
  try {
    root = new URL(prefix);
  } catch {
    return false;
  }
  if (target.origin !== root.origin) return false;
  const path = root.pathname.replace(/\/+$/, '');
  return target.pathname === path || target.pathname.startsWith(`${path}/`);
}

/** Hub URLs a Discovery answer names, kept only when they are https or loopback http. */
function hubsOf(body: unknown): string[] {
  const hubs = (body as { discovery?: { hubs?: unknown } } | undefined)?.discovery?.hubs;
  if (!Array.isArray(hubs)) return [];
  const urls: string[] = [];
  for (const hub of hubs) {
    const raw = (hub as { url?: unknown } | undefined)?.url;
    if (typeof raw !== 'string') continue;
    try {
      const url = new URL(raw);
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
      if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) urls.push(raw.replace(/\/+$/, ''));
    } catch {
      // not an address: never a target
    }
  }
  return urls;
}

/**
 * The client's address for the rate limit: the socket's peer, unless that peer is a trusted proxy;
 * then the right-most X-Forwarded-For hop that is not a trusted proxy (hops to its left are
 * whatever the client wrote, so they are never believed). A hop that is not an address stops the
 * walk at the last address a trusted hop vouched for.
 */
export function forwardedClient(peer: string, forwardedFor: string | undefined, trusted: BlockList): string {
  const isTrusted = (address: string) => {
    const family = isIP(address);
    return family !== 0 && trusted.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
  let client = plainAddress(peer);
  if (!forwardedFor || !isTrusted(client)) return client;
  const hops = forwardedFor.split(',').slice(-MAX_FORWARDED_HOPS);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = plainAddress(hops[i]!.trim());
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!isTrusted(hop)) return hop;
  }
  return client;
}

/** A fixed-window counter per client address. */
function rateLimiter(perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return (key: string): number | undefined => {
    const at = Date.now();
    const window = windows.get(key);
    if (!window || at - window.start >= 60_000) {
      if (windows.size > 10_000) windows.clear();
      windows.set(key, { start: at, count: 1 });
      return undefined;
    }
    window.count += 1;
    return window.count > perMinute ? Math.ceil((window.start + 60_000 - at) / 1000) : undefined;
  };
}

export function createBffApp({ config, store, sealer, fetchImpl = fetch }: BffOptions) {
  const app = new Hono();
  const cookieName = config.secureCookie ? '__Host-evo-bff' : 'evo-bff';
  const loginCookieName = config.secureCookie ? '__Host-evo-bff-login' : 'evo-bff-login';
  const cookieOptions = { httpOnly: true, sameSite: 'Lax', path: '/', secure: config.secureCookie } as const;
  const redirectUri = new URL('bff/callback', config.publicUrl).toString();
  const publicOrigin = new URL(config.publicUrl).origin;
  const limited = rateLimiter(config.rateLimitPerMinute);
  const renewing = new Map<string, Promise<LoadedSession | undefined>>();

  let provider: Promise<oidc.Configuration> | undefined;
  /** The provider's metadata, discovered on first use (the sandbox may start after the BFF). */
  function providerConfig(): Promise<oidc.Configuration> {
    provider ??= oidc
      .discovery(
        new URL(config.issuer),
        config.clientId,
        undefined,
        oidc.ClientSecretPost(config.clientSecret),
        new URL(config.issuer).protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        provider = undefined;
        throw new Error(`the identity provider at ${config.issuer} could not be reached (${describe(error)})`);
      });
    return provider;
  }

  function clientAddress(c: Context): string {
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
    return forwardedClient(
      incoming?.socket?.remoteAddress ?? 'unknown',
      c.req.header('x-forwarded-for'),
      config.trustedProxies,
    );
  }

  function readCookie(c: Context, name: string): string | undefined {
    try {
      return getCookie(c, name);
    } catch {
      return undefined;
    }
  }

  function sealTokens(key: string, tokens: Tokens): string {
    return sealer.seal(JSON.stringify(tokens), key);
  }
  function openTokens(key: string, record: SessionRecord): Tokens | undefined {
    const plain = sealer.open(record.tokens, key);
    if (!plain) return undefined;
    try {
      return JSON.parse(plain) as Tokens;
    } catch {
      return undefined;
    }
  }

  function ttlOf(record: SessionRecord): number {
    return Math.min(config.idleTimeoutSeconds, record.createdAt + config.absoluteTimeoutSeconds - now());
  }

  async function save(session: LoadedSession): Promise<void> {
    await store.set(session.key, JSON.stringify(session.record), ttlOf(session.record));
  }

  function recordFrom(tokens: oidc.TokenEndpointResponse, previous?: SessionRecord, previousTokens?: Tokens) {
    const claims = decodeJwt(tokens.access_token) as Record<string, unknown>;
    const scopes =
      typeof tokens.scope === 'string'
        ? tokens.scope.split(' ').filter(Boolean)
        : Array.isArray(claims.scope)
          ? claims.scope.filter((s): s is string => typeof s === 'string')
          : [];
    const exp = typeof claims.exp === 'number' ? claims.exp : now() + (tokens.expires_in ?? 300);
    const refresh = tokens.refresh_token ?? previousTokens?.refresh;
    const record: Omit<SessionRecord, 'tokens'> = {
      sub: typeof claims.sub === 'string' ? claims.sub : '',
      claims,
      scopes,
      accessExpiresAt: exp,
      createdAt: previous?.createdAt ?? now(),
      lastSeenAt: now(),
      hubs: previous?.hubs ?? [],
      hasRefreshToken: refresh !== undefined,
    };
    return { record, tokens: { access: tokens.access_token, ...(refresh ? { refresh } : {}) } };
  }

  /** The session named by the cookie, if it is well-formed, known, and inside both timeouts. */
  async function load(c: Context): Promise<{ session?: LoadedSession; reason?: string }> {
    const id = readCookie(c, cookieName);
    // A value the cookie parser drops (`<script>"`) still names the cookie: say so, not "signed out".
    const named = new RegExp(`(?:^|;)\\s*${cookieName}\\s*=`).test(c.req.header('cookie') ?? '');
    if (id === undefined && !named) return {};
    if (id === undefined || !ID_PATTERN.test(id)) {
      deleteCookie(c, cookieName, cookieOptions);
      return { reason: FOREIGN_COOKIE_REASON };
    }
    const key = sessionKey(id);
    let record: SessionRecord;
    try {
      const raw = await store.get(key);
      if (!raw) {
        deleteCookie(c, cookieName, cookieOptions);
        return { reason: 'The session has ended (signed out, expired, or unknown to this server). Sign in again.' };
      }
      record = JSON.parse(raw) as SessionRecord;
    } catch {
      return { reason: 'The session store could not be read.' };
    }
    const at = now();
    if (at - record.lastSeenAt > config.idleTimeoutSeconds || at - record.createdAt > config.absoluteTimeoutSeconds) {
      await store.delete(key);
      deleteCookie(c, cookieName, cookieOptions);
      return { reason: 'The session timed out. Sign in again.' };
    }
    const session = { id, key, record };
    if (at - record.lastSeenAt >= 15) {
      record.lastSeenAt = at;
      await save(session);
    }
    return { session };
  }

  /** One refresh per session at a time: concurrent calls wait for the same renewal. */
  function renew(session: LoadedSession): Promise<LoadedSession | undefined> {
    const running = renewing.get(session.key);
    if (running) return running;
    const task = (async () => {
      // Another instance (or call) may have renewed already: read the latest row first.
      const raw = await store.get(session.key);
      if (!raw) return undefined;
      const current = { ...session, record: JSON.parse(raw) as SessionRecord };
      if (
        current.record.accessExpiresAt - now() > RENEW_MARGIN_SECONDS &&
        current.record.tokens !== session.record.tokens
      ) {
        return current;
      }
      const tokens = openTokens(current.key, current.record);
      if (!tokens?.refresh) return undefined;
      let response: oidc.TokenEndpointResponse;
      try {
        response = await oidc.refreshTokenGrant(await providerConfig(), tokens.refresh);
      } catch (error) {
        if (error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant') {
          await store.delete(current.key);
          return undefined;
        }
        throw error;
      }
      const next = recordFrom(response, current.record, tokens);
      const renewed: LoadedSession = {
        ...current,
        record: { ...next.record, tokens: sealTokens(current.key, next.tokens) },
      };
      await save(renewed);
      return renewed;
    })().finally(() => renewing.delete(session.key));
    renewing.set(session.key, task);
    return task;
  }

  // ------------------------------------------------------------------ guards

  app.use('*', async (c: Context, next) => {
    await next();
    try {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    } catch {
      // Immutable headers (a response passed through as it came): copy it, then set them.
      const copy = new Response(c.res.body, c.res);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) copy.headers.set(name, value);
      c.res = copy;
    }
  });

  app.use('/bff/*', async (c: Context, next) => {
    c.header('cache-control', 'no-store');
    const path = c.req.path;
    if (path === '/bff/health') return c.json({ ok: true, store: store.kind });
    const navigation = path === '/bff/login' || path === '/bff/callback';
    if (navigation) {
      const wait = limited(clientAddress(c));
      if (wait !== undefined) {
        c.header('retry-after', String(wait));
        return page(
          c,
          429,
          'Too many sign-in attempts',
          `This address started more than ${config.rateLimitPerMinute} sign-ins in a minute. Wait ${wait} seconds, then sign in again.`,
          config,
        );
      }
      return next();
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== publicOrigin) {
      return problem(
        c,
        403,
        'Cross-origin call refused',
        `Calls to the BFF come from ${publicOrigin} only, not ${origin}.`,
      );
    }
    if (c.req.header(CSRF_HEADER) !== '1') {
      return problem(
        c,
        403,
        'Missing CSRF header',
        `Calls to ${path} need the header "${CSRF_HEADER}: 1", which only this app's own scripts can send (a form or link on another site cannot). The request was refused and nothing was changed.`,
      );
    }
    return next();
  });

  // ------------------------------------------------------------------ sign-in

  app.get('/bff/login', async (c) => {
    let configuration: oidc.Configuration;
    try {
      configuration = await providerConfig();
    } catch (error) {
      return page(c, 502, 'The identity provider is not reachable', describe(error), config);
    }
    const state = oidc.randomState();
    const verifier = oidc.randomPKCECodeVerifier();
    const binding = randomBytes(32).toString('base64url');
    const pending: PendingLogin = { verifier, binding };
    await store.set(loginKey(state), JSON.stringify(pending), LOGIN_TTL_SECONDS);
    // Binds the state to this browser: a callback URL pasted into another browser is refused.
    setCookie(c, loginCookieName, binding, { ...cookieOptions, maxAge: LOGIN_TTL_SECONDS });
    const target = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: config.scope,
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    return c.redirect(target.toString(), 302);
  });

  app.get('/bff/callback', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const state = query.get('state');
    const again = 'Start again with "Sign in" in the lab.';
    if (query.has('error')) {
      await (state && state.length <= 200 ? store.take(loginKey(state)) : undefined);
      const error = (query.get('error') ?? '').slice(0, 100);
      const description = (query.get('error_description') ?? '').slice(0, 300);
      return page(
        c,
        400,
        'The sign-in did not finish',
        `The identity provider answered ${error}${description ? `: ${description}` : ''}. ${again}`,
        config,
      );
    }
    if (!state || state.length > 200 || !query.get('code')) {
      return page(
        c,
        400,
        'Not a sign-in answer',
        `This address needs the code and state the identity provider sends back. ${again}`,
        config,
      );
    }
    const raw = await store.take(loginKey(state));
    if (!raw) {
      return page(
        c,
        400,
        'Unknown sign-in',
        `This server did not start a sign-in with that state, or it was already used, or more than ten minutes passed. ${again}`,
        config,
      );
    }
    const pending = JSON.parse(raw) as PendingLogin;
    const binding = readCookie(c, loginCookieName) ?? '';
    deleteCookie(c, loginCookieName, cookieOptions);
    const expected = Buffer.from(pending.binding);
    const given = Buffer.from(binding);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return page(
        c,
        400,
        'Sign-in started elsewhere',
        `This sign-in was started in another browser or tab profile, so it is not finished here. ${again}`,
        config,
      );
    }
    let configuration: oidc.Configuration;
    try {
      configuration = await providerConfig();
    } catch (error) {
      return page(c, 502, 'The identity provider is not reachable', describe(error), config);
    }
    // RFC 9207 (a mix-up attack names another provider) is checked by authorizationCodeGrant, as
    // src/auth/issuerCheck.ts does in the page: a present `iss` must be this issuer; a missing one
    // is refused only when the metadata promises `authorization_response_iss_parameter_supported`.
    const current = new URL(`bff/callback?${query.toString()}`, config.publicUrl);
    let tokens: oidc.TokenEndpointResponse;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: state,
      });
    } catch (error) {
      // openid-client wraps oauth4webapi's RFC 9207 refusal ("…"iss" (issuer)…") as its cause.
      const cause = error instanceof oidc.ClientError ? error.cause : undefined;
      if (cause instanceof Error && cause.message.includes('"iss" (issuer)')) {
        const iss = query.get('iss');
        const issuer = configuration.serverMetadata().issuer;
        return page(
          c,
          400,
          'Wrong issuer',
          iss
            ? `The answer says it comes from "${iss.slice(0, 200)}", not ${issuer} where this sign-in was sent (RFC 9207). ${again}`
            : `The answer does not say which provider sent it, though ${issuer} promises to (authorization_response_iss_parameter_supported, RFC 9207). ${again}`,
          config,
        );
      }
      return page(c, 400, 'The code exchange failed', `${describe(error)}. ${again}`, config);
    }
    // A session from before sign-in (or one planted by someone else) is never reused: no fixation.
    const before = readCookie(c, cookieName);
    if (before && ID_PATTERN.test(before)) await store.delete(sessionKey(before));
    const id = randomBytes(32).toString('base64url');
    const key = sessionKey(id);
    const next = recordFrom(tokens);
    await save({ id, key, record: { ...next.record, tokens: sealTokens(key, next.tokens) } });
    setCookie(c, cookieName, id, cookieOptions);
    return c.redirect(config.publicUrl, 303);
  });

  // ------------------------------------------------------------------ the session

  app.get('/bff/session', async (c) => {
    const { session, reason } = await load(c);
    if (!session) return c.json({ signedIn: false, ...(reason ? { reason } : {}) });
    const { record } = session;
    const claims = record.claims;
    const text = (name: string) => (typeof claims[name] === 'string' ? claims[name] : undefined);
    return c.json({
      signedIn: true,
      decodedOn: 'server',
      clientId: config.clientId,
      who: {
        sub: record.sub,
        name: text('name') ?? ([text('given_name'), text('family_name')].filter(Boolean).join(' ') || undefined),
        email: text('email'),
      },
      claims,
      scopes: record.scopes,
      accessTokenExpiresAt: new Date(record.accessExpiresAt * 1000).toISOString(),
      refreshToken: record.hasRefreshToken ? 'held by the server' : 'none',
      session: {
        store: store.kind,
        createdAt: new Date(record.createdAt * 1000).toISOString(),
        idleExpiresAt: new Date((record.lastSeenAt + config.idleTimeoutSeconds) * 1000).toISOString(),
        absoluteExpiresAt: new Date((record.createdAt + config.absoluteTimeoutSeconds) * 1000).toISOString(),
      },
    });
  });

  app.post('/bff/logout', async (c) => {
    const { session } = await load(c);
    deleteCookie(c, cookieName, cookieOptions);
    let endSessionUrl: string | undefined;
    let revoked: boolean | string = false;
    try {
      const configuration = await providerConfig();
      endSessionUrl = oidc
        .buildEndSessionUrl(configuration, { client_id: config.clientId, post_logout_redirect_uri: config.publicUrl })
        .toString();
      const tokens = session ? openTokens(session.key, session.record) : undefined;
      if (tokens?.refresh) {
        await oidc.tokenRevocation(configuration, tokens.refresh, { token_type_hint: 'refresh_token' });
        revoked = true;
      }
    } catch (error) {
      revoked = `not revoked: ${describe(error)}`;
    }
    if (session) await store.delete(session.key);
    return c.json({ signedOut: true, hadSession: session !== undefined, refreshTokenRevoked: revoked, endSessionUrl });
  });

  // ------------------------------------------------------------------ the proxy

  app.all(
    '/bff/evo/:scheme/:host/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => problem(c, 413, 'Body too large', `The BFF passes bodies up to ${MAX_BODY_BYTES} bytes to Evo.`),
    }),
    async (c) => {
      const scheme = c.req.param('scheme');
      const host = c.req.param('host');
      if ((scheme !== 'https' && scheme !== 'http') || !/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(host)) {
        return problem(c, 400, 'Not an Evo address', 'Use /bff/evo/{http|https}/{host[:port]}/{path}.');
      }
      // The address as the browser wrote it (before URL parsing resolved "..", "%2e" or "\\"), so
      // the page's host policy sees the same tricks here that it refuses in the page.
      const requestUrl = new URL(c.req.url);
      const written =
        (c.env as { incoming?: { url?: string } } | undefined)?.incoming?.url ??
        `${requestUrl.pathname}${requestUrl.search}`;
      const prefix = `/bff/evo/${scheme}/${host}`;
      if (!(written === prefix || written.startsWith(`${prefix}/`) || written.startsWith(`${prefix}?`))) {
        return problem(c, 400, 'Not an Evo address', 'Use /bff/evo/{http|https}/{host[:port]}/{path}, written plainly.');
      }
      const raw = `${scheme}://${host}${written.slice(prefix.length)}`;
      let target: URL;
      try {
        target = new URL(raw);
      } catch {
        return problem(c, 400, 'Not an Evo address', `"${scheme}://${host}" is not an address.`);
      }
      const loaded = await load(c);
      let session = loaded.session;
      const reason = loaded.reason;
      if (!session)
        return problem(
          c,
          401,
          'Not signed in',
          reason ?? 'Sign in with the Web app first: the BFF holds no token for this browser.',
        );

      const allowed = (s: LoadedSession) => checkTarget(raw, [config.discoveryUrl, ...s.record.hubs]);
      const method = c.req.method;
      const body = method === 'GET' || method === 'HEAD' ? undefined : await c.req.arrayBuffer();
      const contentType = c.req.header('content-type');

      const send = async (s: LoadedSession, url: URL, sendBody = body, sendMethod = method) => {
        const tokens = openTokens(s.key, s.record);
        if (!tokens) throw new Error('the stored tokens cannot be opened with this key');
        return fetchImpl(url, {
          method: sendMethod,
          headers: {
            authorization: `Bearer ${tokens.access}`,
            accept: c.req.header('accept') ?? 'application/json',
            ...(sendBody && contentType ? { 'content-type': contentType } : {}),
          },
          body: sendBody,
          redirect: 'manual',
          signal: AbortSignal.timeout(EVO_TIMEOUT_MS),
        });
      };
      const discoveryUrl = new URL(`${config.discoveryUrl}/evo/identity/v2/discovery?service=evo`);
      const learnHubs = async (s: LoadedSession, response: Response) => {
        if (response.status !== 200) return;
        const hubs = hubsOf(
          await response
            .clone()
            .json()
            .catch(() => undefined),
        );
        if (hubs.length > 0) {
          s.record.hubs = [...new Set([...s.record.hubs, ...hubs])];
          await save(s);
        }
      };

      let renewed = false;
      try {
        if (session.record.accessExpiresAt - now() < RENEW_MARGIN_SECONDS && session.record.hasRefreshToken) {
          session = (await renew(session)) ?? session;
          renewed = true;
        }
        let check = allowed(session);
        if (!check.ok && session.record.hubs.length === 0) {
          // Hubs are learned from Discovery (its own fixed address); ask it once if this session has not yet.
          await learnHubs(session, await send(session, discoveryUrl, undefined, 'GET'));
          check = allowed(session);
        }
        if (!check.ok) {
          return problem(
            c,
            403,
            'Host not allowed',
            `The BFF does not send the bearer there. ${check.reason} It goes only to the Discovery URL and the hubs Discovery named, at addresses written plainly.`,
          );
        }
        let response = await send(session, target);
        if (response.status === 401 && session.record.hasRefreshToken && !renewed) {
          const next = await renew(session);
          if (!next)
            return problem(
              c,
              401,
              'Session ended',
              'The provider no longer accepts this session’s refresh token. Sign in again.',
            );
          session = next;
          renewed = true;
          response = await send(session, target);
        }
        if (response.status >= 300 && response.status < 400) {
          return problem(
            c,
            502,
            'Redirect not followed',
            `Evo answered ${response.status} with a redirect; the BFF does not follow redirects with the bearer.`,
          );
        }
        if (under(target, discoveryUrl.toString().split('?')[0]!)) await learnHubs(session, response);
        const headers: Record<string, string> = {
          'content-type': response.headers.get('content-type') ?? 'application/octet-stream',
          'x-evo-bff': renewed
            ? 'bearer attached on the server (renewed with the refresh token)'
            : 'bearer attached on the server',
        };
        const challenge = response.headers.get('www-authenticate');
        if (challenge) headers['www-authenticate'] = challenge;
        return c.body(await response.arrayBuffer(), response.status as 200, headers);
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        return problem(
          c,
          timedOut ? 504 : 502,
          timedOut ? 'Evo did not answer in time' : 'Evo could not be reached',
          timedOut
            ? `No answer from ${target.origin} in ${EVO_TIMEOUT_MS / 1000} seconds.`
            : `${target.origin}: ${describe(error)}`,
        );
      }
    },
  );

  app.all('/bff/*', (c) =>
    problem(
      c,
      404,
      'No such BFF endpoint',
      'The BFF answers /bff/login, /bff/callback, /bff/session, /bff/logout and /bff/evo/{scheme}/{host}/{path}.',
    ),
  );
  app.notFound((c) => problem(c, 404, 'Not found', 'The BFF serves only /bff/*.'));
  app.onError((error, c) => {
    console.error(`[bff] ${c.req.method} ${c.req.path}: ${describe(error)}`);
    return problem(
      c,
      500,
      'The BFF could not handle this request',
      'Something went wrong on the server; nothing was sent to Evo. Try again, or sign in again.',
    );
  });
  return app;
}
