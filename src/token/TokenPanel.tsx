import type { ReactNode } from 'react';
import { Notice } from '../ui/Notice.tsx';
import { useNow } from '../ui/useNow.ts';
import { claimMeaning, HEADER_GLOSSARY } from './claimGlossary.ts';
import { ClaimsTable } from './ClaimsTable.tsx';
import type { DecodedAccessToken } from './decodeAccessToken.ts';
import { ExpiryCountdown } from './ExpiryCountdown.tsx';
import { numericDate } from './formatTime.ts';
import { ScopeComparisonTable } from './ScopeComparisonTable.tsx';
import { compareScopes, tokenScopes } from './tokenScopes.ts';

interface TokenPanelProps {
  decoded: DecodedAccessToken;
  /** The scopes the sign-in asked for. */
  requested: readonly string[];
  /** The token response's `scope`, used when the token itself cannot be read. */
  responseScopes: readonly string[];
  /** The token response's expiry (`expires_in`), used when the token has no `exp`. */
  responseExpiresAt: Date | undefined;
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

/** The decoded access token: expiry, requested vs granted scopes, header and claims. */
export function TokenPanel({ decoded, requested, responseScopes, responseExpiresAt, whenExpired }: TokenPanelProps) {
  const now = useNow(30_000);
  const claims = decoded.kind === 'jwt' ? decoded.claims : undefined;
  const fromToken = claims ? tokenScopes(claims) : undefined;
  const granted = fromToken && fromToken.form !== 'none' ? fromToken.scopes : [...responseScopes];
  const expiresAt = (claims ? numericDate(claims.exp) : undefined) ?? responseExpiresAt;

  return (
    <section className="card" aria-labelledby="token-heading">
      <h2 id="token-heading">Access token</h2>
      <ExpiryCountdown expiresAt={expiresAt} whenExpired={whenExpired} />
      {decoded.kind !== 'jwt' ? (
        <Notice tone="warning" title="This access token cannot be decoded">
          <p>{decoded.explanation}</p>
          <p>The scopes below come from the token response instead of the token.</p>
        </Notice>
      ) : null}
      <ScopeComparisonTable comparison={compareScopes(requested, granted)} />
      {fromToken && fromToken.form !== 'none' ? (
        <p className="muted">The token lists its scopes {SCOPE_FORM_WORDS[fromToken.form]}.</p>
      ) : null}
      {decoded.kind === 'jwt' ? (
        <>
          <p className="muted">
            Decoded in your browser, not verified: anyone can read a JWT, only its issuer&apos;s key can vouch for it.
          </p>
          <ClaimsTable
            caption="Header"
            values={decoded.header}
            glossary={(name) => HEADER_GLOSSARY[name] ?? 'A header parameter this app does not know.'}
            now={now}
          />
          <ClaimsTable caption="Claims" values={decoded.claims} glossary={claimMeaning} now={now} />
        </>
      ) : null}
    </section>
  );
}
