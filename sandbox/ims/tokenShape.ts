import type { KoaContextWithOIDC } from 'oidc-provider';
import { findUserBySub, SERVICE_IDENTITY } from '../users.ts';

/**
 * The audience the Evo twin expects. IMS's real audience value for Evo tokens is not published;
 * what matters for the app is its shape: IdentityServer sends `aud` as an array when a token is
 * for more than one audience, which this sandbox always does (the API plus `<issuer>/resources`).
 */
export const EVO_AUDIENCE = 'evo';

/** oidc-provider's internal resource indicator for Evo; never seen by the app. */
export const EVO_RESOURCE = 'urn:sandbox:evo';

interface TokenLike {
  accountId?: string;
  sid?: string;
  clientId?: string;
  kind?: string;
}

/**
 * Identity claims IMS puts in an access token. Evo app registrations get no ID token and no
 * userinfo, so the app learns who signed in only from these.
 */
export function identityClaims(token: TokenLike): Record<string, unknown> | undefined {
  if (token.kind === 'ClientCredentials') {
    // A service identity: its client's email, no person's name.
    return token.clientId === SERVICE_IDENTITY.clientId
      ? { idp: 'sandbox', email: SERVICE_IDENTITY.email, client_email: SERVICE_IDENTITY.email }
      : undefined;
  }
  const user = token.accountId ? findUserBySub(token.accountId) : undefined;
  if (!user) return undefined;
  return {
    idp: 'sandbox',
    email: user.email,
    name: `${user.givenName} ${user.familyName}`,
    given_name: user.givenName,
    family_name: user.familyName,
    preferred_username: user.email,
    org: user.org.id,
    org_name: user.org.name,
    usage_country_iso: user.usageCountry,
    ...(token.sid ? { sid: token.sid } : {}),
  };
}

interface StructuredToken {
  header?: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/**
 * Reshapes oidc-provider's RFC 9068 payload into IdentityServer's: `scope` becomes a JSON array
 * that also lists `offline_access` when it was granted (oidc-provider keeps OpenID scopes out of
 * resource tokens; IdentityServer does not), `aud` an array, and `nbf` is set.
 */
export function imsShapedPayload(issuer: string, token: StructuredToken, offlineAccess = false): void {
  const { payload } = token;
  const scope = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  if (offlineAccess && !scope.includes('offline_access')) scope.push('offline_access');
  payload.scope = scope;
  payload.aud = [EVO_AUDIENCE, `${issuer}/resources`];
  if (typeof payload.iat === 'number') payload.nbf = payload.iat;
}

/** Adapts {@link imsShapedPayload} to oidc-provider's `formats.customizers.jwt` hook. */
export function jwtCustomizer(issuer: string) {
  return (ctx: KoaContextWithOIDC, _token: unknown, jwt: StructuredToken) => {
    // The code or refresh token being redeemed holds every granted scope, OpenID ones included.
    const { AuthorizationCode, RefreshToken, Client } = ctx.oidc.entities;
    const granted = (AuthorizationCode ?? RefreshToken)?.scope?.split(' ') ?? [];
    imsShapedPayload(issuer, jwt, granted.includes('offline_access'));
    // A client-credentials token names its service identity (a GUID, as IMS does), not the client.
    if (!AuthorizationCode && !RefreshToken && Client?.clientId === SERVICE_IDENTITY.clientId) {
      jwt.payload.sub = SERVICE_IDENTITY.sub;
    }
  };
}
