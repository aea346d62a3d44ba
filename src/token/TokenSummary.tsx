import type { ReactNode } from 'react';
import { Notice } from '../ui/Notice.tsx';
import type { DecodedAccessToken } from './decodeAccessToken.ts';
import { ExpiryCountdown } from './ExpiryCountdown.tsx';
import { numericDate } from './formatTime.ts';
import { ScopeComparisonTable } from './ScopeComparisonTable.tsx';
import { compareScopes, tokenScopes } from './tokenScopes.ts';

interface TokenSummaryProps {
  decoded: DecodedAccessToken;
  /** The scopes the sign-in asked for. */
  requested: readonly string[];
  /** The token response's `scope`, used when the token itself cannot be read. */
  responseScopes: readonly string[];
  /** The token response's expiry (`expires_in`), used when the token has no `exp`. */
  responseExpiresAt: Date | undefined;
  /** Whether the token response had a refresh token: proof `offline_access` was granted. */
  hasRefreshToken: boolean;
  /** What to offer once the token has expired. */
  whenExpired: ReactNode;
}

const SCOPE_FORM_WORDS = {
  array: 'as a JSON array in "scope" (IMS / IdentityServer style)',
  string: 'as a space-separated string in "scope" (RFC 9068 style)',
  'scp-array': 'as an array in "scp"',
  'scp-string': 'as a string in "scp"',
  none: '',
};

/** The access token at a glance: expiry countdown and requested vs granted scopes. */
export function TokenSummary(props: TokenSummaryProps) {
  const { decoded, requested, responseScopes, responseExpiresAt, hasRefreshToken, whenExpired } = props;
  const claims = decoded.kind === 'jwt' ? decoded.claims : undefined;
  const fromToken = claims ? tokenScopes(claims) : undefined;
  const listed = fromToken && fromToken.form !== 'none' ? fromToken.scopes : [...responseScopes];
  // Issuers that follow RFC 9068 keep offline_access out of the access token; a refresh token
  // coming back is the proof it was granted.
  const offlineUnlisted = hasRefreshToken && !listed.includes('offline_access');
  const granted = offlineUnlisted ? [...listed, 'offline_access'] : listed;
  const expiresAt = (claims ? numericDate(claims.exp) : undefined) ?? responseExpiresAt;

  return (
    <section className="card" aria-labelledby="token-heading">
      <h2 id="token-heading">Access token</h2>
      <ExpiryCountdown expiresAt={expiresAt} whenExpired={whenExpired} />
      {decoded.kind !== 'jwt' ? (
        <Notice tone="warning" title="This access token cannot be decoded">
          <p>{decoded.explanation}</p>
          <p>The granted scopes below come from the token response instead of the token.</p>
        </Notice>
      ) : null}
      <ScopeComparisonTable comparison={compareScopes(requested, granted)} />
      {fromToken && fromToken.form !== 'none' ? (
        <p className="muted">The token lists its scopes {SCOPE_FORM_WORDS[fromToken.form]}.</p>
      ) : null}
      {offlineUnlisted ? (
        <p className="muted">
          offline_access counts as granted because a refresh token came back, although the token does not list it.
        </p>
      ) : null}
    </section>
  );
}
