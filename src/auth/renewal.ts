import { User, type UserManager } from 'oidc-client-ts';
import { useSyncExternalStore } from 'react';
import { exchanges } from '../http/index.ts';
import { measureFromToken } from './clockOffset.ts';
import { isNetworkFailure } from './networkFailure.ts';
import { emitSessionEvent } from './sessionEvents.ts';

/** Where renewal of one session stands, for the page. */
export interface RenewalState {
  renewing: boolean;
  /** The last renewal's failure, until the next renewal succeeds. */
  error?: unknown;
  /** Failed renewals in a row (reset by a success). */
  failures: number;
  /** When the next automatic attempt is due after a failure (ms, this clock). */
  nextAttemptAt?: number;
  /** The browser is offline: automatic renewal waits for the `online` event. */
  waitingForNetwork?: boolean;
  /** The provider refused the refresh token (or another tab spent it): no further request. */
  refused?: boolean;
}

/** A refresh token another tab of this browser has already spent: using it again would be reuse. */
export class SpentRefreshTokenError extends Error {
  constructor() {
    super('Another tab of this browser already used this refresh token');
    this.name = 'SpentRefreshTokenError';
  }
}

/**
 * The token endpoint answered with an HTTP error that is not a refusal of the refresh token: a
 * 429 or 5xx (an HTML 503 page, or JSON with an OAuth `error` such as `slow_down`), or a 4xx the
 * library could not read as OAuth. Its status, its OAuth `error` if any, and its `Retry-After`
 * when the provider lets scripts see it.
 */
export class ProviderHttpError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
    readonly url: string,
    readonly oauthError?: string,
  ) {
    super(`The token endpoint answered HTTP ${status}${oauthError ? ` (${oauthError})` : ''}`);
    this.name = 'ProviderHttpError';
  }
}

/**
 * The provider answered a renewal with an access token that expires at once (`expires_in` 0,
 * negative, or under {@link MIN_TOKEN_LIFETIME_S}): renewing again would only get another, in a
 * loop, so automatic renewal stops.
 */
export class ExpiresAtOnceError extends Error {
  /** `expiresIn`: the token response's own value when the exchange log has it; `leftS`: seconds left on arrival. */
  constructor(
    readonly expiresIn: number | undefined,
    readonly leftS: number,
  ) {
    super(`The provider issued an access token that expires at once (expires_in: ${expiresIn ?? leftS})`);
    this.name = 'ExpiresAtOnceError';
  }
}

/** A renewed token living less than this (s) is taken as one that expires at once. */
export const MIN_TOKEN_LIFETIME_S = 10;

/** No refresh token to renew with. */
export class NoRefreshTokenError extends Error {
  constructor() {
    super('There is no refresh token to renew the session with.');
    this.name = 'NoRefreshTokenError';
  }
}

const inFlight = new WeakMap<UserManager, Promise<User | null>>();
const states = new WeakMap<UserManager, RenewalState>();
const listeners = new Set<() => void>();
const IDLE: RenewalState = { renewing: false, failures: 0 };

export function renewalState(manager: UserManager): RenewalState {
  return states.get(manager) ?? IDLE;
}

/** Changes the state; listeners hear of it only when something changed. */
export function setRenewalState(manager: UserManager, next: RenewalState): void {
  const current = renewalState(manager);
  const keys = new Set([...Object.keys(current), ...Object.keys(next)]) as Set<keyof RenewalState>;
  if ([...keys].every((key) => current[key] === next[key])) return;
  states.set(manager, next);
  for (const listener of listeners) listener();
}

export function subscribeRenewal(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** One-way digests of refresh tokens spent in this browser, learnt from other tabs too. */
const spent = new Set<string>();
/** The sessions of this tab that take a handed-over renewal (see {@link receiveHandovers}). */
const receivers = new Set<UserManager>();
/** When this tab last took over a renewal from another tab, per session. */
const handedOverAt = new WeakMap<UserManager, number>();
/**
 * Each session's take-over of the tokens another tab got for a spent refresh token, by session
 * and spent token: kept a minute, so that a renewal of this tab waiting for the lock meanwhile
 * goes on with it instead of asking again.
 */
const takenOver = new Map<string, Promise<User | undefined>>();
const TAKEN_OVER_KEPT_MS = 60_000;
const takeOverKey = (manager: UserManager, fingerprint: string) =>
  `${manager.settings.authority}|${manager.settings.client_id}|${fingerprint}`;
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('evo-sign-in-lab:renewal') : undefined;
channel?.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as { spent?: unknown; successor?: unknown } | null;
  if (typeof data?.spent !== 'string') return;
  spent.add(data.spent);
  if (typeof data.successor !== 'string') return;
  for (const manager of receivers) takeOver(manager, data.spent, data.successor);
});

/**
 * Continues this tab's session with the tokens another tab got for the refresh token both held
 * (a duplicated tab copies the session), when this session still holds it; once per spent token.
 * The tokens reach only this origin's tabs in this browser (BroadcastChannel), in memory, and a
 * tab that does not hold the spent refresh token drops them at once.
 */
function takeOver(manager: UserManager, fingerprint: string, successor: string): void {
  const key = takeOverKey(manager, fingerprint);
  if (takenOver.has(key)) return;
  const taken = (async () => {
    const current = await manager.getUser();
    if (!current?.refresh_token || (await digest(current.refresh_token)) !== fingerprint) return undefined;
    const next = User.fromStorageString(successor);
    if (!next.access_token || !next.refresh_token) return undefined;
    handedOverAt.set(manager, Date.now());
    await manager.storeUser(next);
    // The library's userLoaded event: react-oidc-context renders the new token.
    await manager.events.load(next);
    measureFromToken(next.access_token);
    emitSessionEvent('renewed', {
      at: Date.now(),
      oldExpiry: current.expires_at,
      newExpiry: next.expires_at,
      rotated: true,
      byAnotherTab: true,
    });
    if (!renewalState(manager).renewing) setRenewalState(manager, IDLE);
    return next;
  })();
  takenOver.set(key, taken);
  void taken.catch(() => undefined).finally(() => setTimeout(() => takenOver.delete(key), TAKEN_OVER_KEPT_MS));
}

/**
 * Lets this tab's session take over renewals other tabs of the same session make (a duplicated
 * tab): returns the unsubscribe.
 */
export function receiveHandovers(manager: UserManager): () => void {
  receivers.add(manager);
  return () => receivers.delete(manager);
}

export async function digest(value: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The first wait after a failed renewal; each failure doubles it, up to the cap (ms). */
export const BACKOFF_BASE_MS = 10_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/** A refresh request that has not answered by then counts as failed (s). */
const REFRESH_TIMEOUT_S = 20;

/**
 * How long to wait after the `failures`-th failure in a row: exponential, with jitter (±20 %), so
 * that a room of laptops waking together does not retry in step; never before `Retry-After`.
 */
export function backoffMs(failures: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const exponential = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  const jittered = Math.round(exponential * (0.8 + 0.4 * random()));
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** What a failed renewal means for the next one. */
export type FailureKind = 'refused' | 'offline' | 'transient';

const TRANSIENT_OAUTH_ERRORS = new Set(['temporarily_unavailable', 'server_error', 'slow_down']);

export function classifyFailure(error: unknown, online: boolean): FailureKind {
  if (
    error instanceof SpentRefreshTokenError ||
    error instanceof NoRefreshTokenError ||
    error instanceof ExpiresAtOnceError
  )
    return 'refused';
  if (error instanceof ProviderHttpError) return error.status === 429 || error.status >= 500 ? 'transient' : 'refused';
  const oauth = (error as { error?: unknown } | null)?.error;
  if (typeof oauth === 'string') return TRANSIENT_OAUTH_ERRORS.has(oauth) ? 'transient' : 'refused';
  const message = error instanceof Error ? error.message : '';
  if (!online && (isNetworkFailure(message) || message === '')) return 'offline';
  return 'transient';
}

/** `Retry-After` as delay-seconds or an HTTP date, in ms from now. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The token endpoint's answer to the refresh request sent since `since`, as the exchange log saw
 * it: the library drops the status and headers of an answer it cannot read as JSON.
 */
function answerSince(since: number): { status: number; retryAfterMs?: number; url: string } | undefined {
  const entry = [...exchanges()]
    .reverse()
    .find((item) => item.source === 'oidc' && item.method === 'POST' && item.at >= since && item.status !== undefined);
  if (!entry?.status || entry.status < 400) return undefined;
  const retryAfter = entry.responseHeaders?.find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  return { status: entry.status, retryAfterMs: parseRetryAfter(retryAfter), url: entry.url };
}

/** The `expires_in` of the token answer received since `since`, as the exchange log saw it. */
function expiresInSince(since: number): number | undefined {
  const entry = [...exchanges()]
    .reverse()
    .find((item) => item.source === 'oidc' && item.method === 'POST' && item.at >= since && item.status === 200);
  try {
    const value = (JSON.parse(entry?.responseBody ?? '') as { expires_in?: unknown }).expires_in;
    return typeof value === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Renews the session with its refresh token, at most once at a time, whoever asks (the button,
 * the session's timer, a second tab): later callers get the same promise. oidc-client-ts has
 * no such guard, and with rotation a second request with the same refresh token is reuse, which
 * the provider punishes by revoking the whole grant. Across tabs, a Web Lock serialises renewals
 * of the same client, and a tab never sends a refresh token another tab has announced as spent.
 * A failure sets when the next automatic attempt is due (backoff, `Retry-After`), or stops
 * automatic renewal for good when the provider refused the refresh token.
 */
export function renewSession(manager: UserManager): Promise<User | null> {
  const running = inFlight.get(manager);
  if (running) return running;
  const before = renewalState(manager);
  setRenewalState(manager, { ...before, renewing: true, waitingForNetwork: false });
  const started = Date.now();
  const work = withLock(`evo-sign-in-lab:renew:${manager.settings.authority}|${manager.settings.client_id}`, () =>
    refreshOnce(manager, started),
  ).then(
    (user) => {
      setRenewalState(manager, IDLE);
      return user;
    },
    (raw: unknown) => {
      const answer = answerSince(started);
      const oauth = (raw as { error?: unknown } | null)?.error;
      // A 429 or 5xx is the provider's trouble, whatever its body says (an unknown OAuth code
      // included): retried after backoff and Retry-After. A 4xx with an OAuth error is a refusal.
      const troubled = answer !== undefined && (answer.status === 429 || answer.status >= 500);
      const error =
        answer && (troubled || typeof oauth !== 'string')
          ? new ProviderHttpError(
              answer.status,
              answer.retryAfterMs,
              answer.url,
              typeof oauth === 'string' ? oauth : undefined,
            )
          : raw;
      const kind = classifyFailure(error, navigator.onLine !== false);
      const failures = before.failures + 1;
      setRenewalState(manager, {
        renewing: false,
        error,
        failures,
        refused: kind === 'refused',
        waitingForNetwork: kind === 'offline',
        nextAttemptAt:
          kind === 'transient'
            ? Date.now() + backoffMs(failures, error instanceof ProviderHttpError ? error.retryAfterMs : undefined)
            : undefined,
      });
      throw error;
    },
  );
  const shared = work.finally(() => inFlight.delete(manager));
  inFlight.set(manager, shared);
  return shared;
}

async function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? await locks.request(name, task) : task();
}

async function refreshOnce(manager: UserManager, asked: number): Promise<User | null> {
  // Another tab renewed this session while this one waited for the lock, and handed it over.
  if ((handedOverAt.get(manager) ?? 0) >= asked) return manager.getUser();
  const before = await manager.getUser();
  if (!before?.refresh_token) throw new NoRefreshTokenError();
  const fingerprint = await digest(before.refresh_token);
  if (spent.has(fingerprint)) {
    // Spent by another tab: go on with what it got for it, never send it again.
    const successor = await takenOver.get(takeOverKey(manager, fingerprint))?.catch(() => undefined);
    if (successor) return successor;
    throw new SpentRefreshTokenError();
  }
  const sent = Date.now();
  const user = await manager.signinSilent({ silentRequestTimeoutInSeconds: REFRESH_TIMEOUT_S });
  if (user) measureFromToken(user.access_token);
  const rotated = user?.refresh_token !== before.refresh_token;
  if (rotated) {
    // The old refresh token is spent: tell other tabs holding a copy never to send it, and hand
    // them the renewed session to go on with.
    spent.add(fingerprint);
    channel?.postMessage({ spent: fingerprint, ...(user ? { successor: user.toStorageString() } : {}) });
  }
  emitSessionEvent('renewed', { at: Date.now(), oldExpiry: before.expires_at, newExpiry: user?.expires_at, rotated });
  // A token that arrives already expired is not renewed again and again (every MIN_GAP_MS).
  const lifetime = user?.expires_at === undefined ? undefined : Math.round(user.expires_at - Date.now() / 1000);
  if (lifetime !== undefined && lifetime < MIN_TOKEN_LIFETIME_S)
    throw new ExpiresAtOnceError(expiresInSince(sent), Math.max(0, lifetime));
  return user;
}

/** Forgets a shown renewal failure, and any wait or refusal: a new session starts afresh. */
export function clearRenewalError(manager: UserManager): void {
  if (!renewalState(manager).renewing) setRenewalState(manager, IDLE);
}

export function useRenewal(manager: UserManager): RenewalState {
  return useSyncExternalStore(subscribeRenewal, () => renewalState(manager));
}
