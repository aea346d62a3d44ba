import { numericDate } from './formatTime.ts';

/** Where a token stands in time, from its own `exp`, `nbf` and `iat`. */
export interface TokenTimes {
  state: 'valid' | 'expired' | 'not-yet-valid' | 'no-expiry';
  expiresAt?: Date;
  notBefore?: Date;
  issuedAt?: Date;
  /** Set when `iat` or `nbf` lies ahead of this browser's clock by more than a minute. */
  clockSkewSeconds?: number;
}

/** How far a token's `nbf` or `iat` may lie ahead of this browser's clock before it counts (seconds). */
export const CLOCK_SKEW_TOLERANCE_S = 60;

/**
 * Classifies a token's validity window against `now`. A token whose `nbf` is at most
 * {@link CLOCK_SKEW_TOLERANCE_S} ahead counts as valid (RFC 7519 §4.1.5 allows "some small
 * leeway"): the issuer's clock and this one are never exactly alike.
 */
export function tokenTimes(claims: Record<string, unknown>, now: Date): TokenTimes {
  const expiresAt = numericDate(claims.exp);
  const notBefore = numericDate(claims.nbf);
  const issuedAt = numericDate(claims.iat);
  const ahead = Math.max(...[notBefore, issuedAt].map((at) => (at ? (at.getTime() - now.getTime()) / 1000 : 0)));
  const clockSkewSeconds = ahead > CLOCK_SKEW_TOLERANCE_S ? Math.round(ahead) : undefined;
  let state: TokenTimes['state'] = 'valid';
  if (notBefore && notBefore.getTime() > now.getTime() + CLOCK_SKEW_TOLERANCE_S * 1000) state = 'not-yet-valid';
  else if (!expiresAt) state = 'no-expiry';
  else if (expiresAt.getTime() <= now.getTime()) state = 'expired';
  return { state, expiresAt, notBefore, issuedAt, clockSkewSeconds };
}
