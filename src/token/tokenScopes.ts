import { scopeClaim, type ScopeForm } from '../config/catalogue.ts';

export type { ScopeForm };

export interface TokenScopes {
  scopes: string[];
  form: ScopeForm;
}

/** Reads the granted scopes from access token claims, in any form issuers use (see the catalogue). */
export function tokenScopes(claims: Record<string, unknown>): TokenScopes {
  return scopeClaim(claims);
}

/** `aud` as a list, whether the token sent a string or an array. */
export function audiences(claims: Record<string, unknown>): string[] {
  const aud = claims.aud;
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((item): item is string => typeof item === 'string');
  return [];
}

export interface ScopeComparison {
  /** Asked for and granted. */
  granted: string[];
  /** Asked for, not in the token. */
  notGranted: string[];
  /** In the token without being asked for. */
  unrequested: string[];
}

/** Compares what the sign-in asked for with what the token holds. */
export function compareScopes(requested: readonly string[], granted: readonly string[]): ScopeComparison {
  const grantedSet = new Set(granted);
  const requestedSet = new Set(requested);
  return {
    granted: requested.filter((scope) => grantedSet.has(scope)),
    notGranted: requested.filter((scope) => !grantedSet.has(scope)),
    unrequested: granted.filter((scope) => !requestedSet.has(scope)),
  };
}

/**
 * The scopes a token was granted: as the token lists them, else as the token response said, plus
 * `offline_access` when a refresh token came back from an issuer that leaves it out of the token
 * (RFC 9068 style). `offlineInferred` says when that last rule applied.
 */
export function grantedScopes(
  claims: Record<string, unknown> | undefined,
  responseScopes: readonly string[],
  hasRefreshToken: boolean,
): { scopes: string[]; form: ScopeForm | undefined; offlineInferred: boolean } {
  const fromToken = claims ? tokenScopes(claims) : undefined;
  const listed = fromToken && fromToken.form !== 'none' ? fromToken.scopes : [...responseScopes];
  const offlineInferred = hasRefreshToken && !listed.includes('offline_access');
  return { scopes: offlineInferred ? [...listed, 'offline_access'] : listed, form: fromToken?.form, offlineInferred };
}
