import type { User, UserManager } from 'oidc-client-ts';
import { useSyncExternalStore } from 'react';
import { emitSessionEvent } from './sessionEvents.ts';

/** Where renewal of one session stands, for the page. */
export interface RenewalState {
  renewing: boolean;
  /** The last renewal's failure, until the next renewal starts. */
  error?: unknown;
}

/** A refresh token another tab of this browser has already spent: using it again would be reuse. */
export class SpentRefreshTokenError extends Error {
  constructor() {
    super('Another tab of this browser already used this refresh token');
    this.name = 'SpentRefreshTokenError';
  }
}

const inFlight = new WeakMap<UserManager, Promise<User | null>>();
const states = new WeakMap<UserManager, RenewalState>();
const listeners = new Set<() => void>();
const IDLE: RenewalState = { renewing: false };

function setState(manager: UserManager, next: RenewalState): void {
  states.set(manager, next);
  for (const listener of listeners) listener();
}

/** One-way digests of refresh tokens spent in this browser, learnt from other tabs too. */
const spent = new Set<string>();
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('evo-sign-in-lab:renewal') : undefined;
channel?.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as { spent?: unknown } | null;
  if (typeof data?.spent === 'string') spent.add(data.spent);
});

async function digest(value: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Renews the session with its refresh token, at most once at a time, whoever asks (the button,
 * the timer before expiry, a second tab): later callers get the same promise. oidc-client-ts has
 * no such guard, and with rotation a second request with the same refresh token is reuse, which
 * the provider punishes by revoking the whole grant. Across tabs, a Web Lock serialises renewals
 * of the same client, and a tab never sends a refresh token another tab has announced as spent.
 */
export function renewSession(manager: UserManager): Promise<User | null> {
  const running = inFlight.get(manager);
  if (running) return running;
  setState(manager, { renewing: true });
  const work = withLock(`evo-sign-in-lab:renew:${manager.settings.authority}|${manager.settings.client_id}`, () =>
    refreshOnce(manager),
  ).then(
    (user) => {
      setState(manager, IDLE);
      return user;
    },
    (error: unknown) => {
      setState(manager, { renewing: false, error });
      throw error;
    },
  );
  const shared = work.finally(() => inFlight.delete(manager));
  inFlight.set(manager, shared);
  return shared;
}

async function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? ((await locks.request(name, task))) : task();
}

async function refreshOnce(manager: UserManager): Promise<User | null> {
  const before = await manager.getUser();
  if (!before?.refresh_token) throw new Error('There is no refresh token to renew the session with.');
  const fingerprint = await digest(before.refresh_token);
  if (spent.has(fingerprint)) throw new SpentRefreshTokenError();
  const user = await manager.signinSilent();
  const rotated = user?.refresh_token !== before.refresh_token;
  if (rotated) {
    // The old refresh token is spent: tell other tabs holding a copy never to send it.
    spent.add(fingerprint);
    channel?.postMessage({ spent: fingerprint });
  }
  emitSessionEvent('renewed', { at: Date.now(), oldExpiry: before.expires_at, newExpiry: user?.expires_at, rotated });
  return user;
}

/** Forgets a shown renewal failure. */
export function clearRenewalError(manager: UserManager): void {
  if (states.get(manager)?.error !== undefined) setState(manager, IDLE);
}

export function useRenewal(manager: UserManager): RenewalState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => states.get(manager) ?? IDLE,
  );
}
