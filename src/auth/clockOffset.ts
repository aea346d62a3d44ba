import { useSyncExternalStore } from 'react';
import { browserStorage } from '../config/browserStorage.ts';
import { carryStorage } from '../config/sessionCarry.ts';
import { decodeAccessToken } from '../token/decodeAccessToken.ts';
import { onSessionEvent } from './sessionEvents.ts';

/*
 * How far this browser's clock is from the identity provider's, measured from a fresh token's
 * `iat` at the moment it arrives (a cross-origin `Date` header is hidden from scripts unless the
 * provider exposes it). Positive: this clock is ahead. The page judges the token's `exp`/`nbf` (the
 * provider's clock) against "now on the provider's clock", so a laptop 10 minutes off sees no
 * false "expired" or "not valid yet". The renewal timer runs on the token response's `expires_in`
 * counted on this clock (oidc-client-ts's `expires_at`), which is `exp` shifted by this offset:
 * however large the offset, no renewal is due early, so there is no loop.
 */

/** Offsets smaller than this are network delay and rounding, not a wrong clock (ms). */
export const CLOCK_OFFSET_NOTICE_MS = 2 * 60_000;
const KEY = 'evo-sign-in-lab:clock-offset';

let offsetMs: number | undefined;
const listeners = new Set<() => void>();

function stored(): number {
  if (offsetMs !== undefined) return offsetMs;
  try {
    const raw = Number(browserStorage('session')?.getItem(KEY));
    offsetMs = Number.isFinite(raw) ? raw : 0;
  } catch {
    offsetMs = 0;
  }
  return offsetMs;
}

/** Notes the offset from a token just received: its `iat` is the provider's "now" (seconds). */
export function measureClockOffset(issuedAt: unknown, receivedAt: number = Date.now()): void {
  if (typeof issuedAt !== 'number' || !Number.isFinite(issuedAt)) return;
  // iat has a resolution of a second and the answer took a moment to arrive: round to seconds.
  const next = Math.round((receivedAt - issuedAt * 1000) / 1000) * 1000;
  if (next === offsetMs) return;
  offsetMs = next;
  try {
    // With memory-only token storage, it is not written: it lasts as long as the page.
    carryStorage()?.setItem(KEY, String(next));
  } catch {
    // Storage refused: the offset lasts as long as the page.
  }
  for (const listener of listeners) listener();
}

/** Measures from an access token just received (a JWT's `iat`; an opaque token says nothing). */
export function measureFromToken(accessToken: string, receivedAt: number = Date.now()): void {
  const decoded = decodeAccessToken(accessToken);
  if (decoded.kind === 'jwt') measureClockOffset(decoded.claims.iat, receivedAt);
}

// Every sign-in, whichever way it finished (redirect or popup), brings a fresh token.
onSessionEvent('signedIn', ({ user }) => measureFromToken(user.access_token));

/** This browser's clock minus the provider's, in ms (0 until a token has been measured). */
export function clockOffsetMs(): number {
  return stored();
}

/** "Now" on the provider's clock, from a time read on this one. */
export function providerTime(local: Date, offset: number = clockOffsetMs()): Date {
  return offset === 0 ? local : new Date(local.getTime() - offset);
}

export function useClockOffset(): number {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, clockOffsetMs);
}

/** The offset in words ("your clock is about 10 minutes ahead of the provider"), when it matters. */
export function clockOffsetWords(offset: number): string | undefined {
  if (Math.abs(offset) < CLOCK_OFFSET_NOTICE_MS) return undefined;
  const minutes = Math.round(Math.abs(offset) / 60_000);
  const amount = minutes < 120 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.round(minutes / 60)} hours`;
  return `your clock is about ${amount} ${offset > 0 ? 'ahead of' : 'behind'} the provider`;
}
