import './token.css';
import type { ReactNode } from 'react';
import { Notice } from '../ui/Notice.tsx';
import { ApiReachTable, type ReachContext } from './ApiReachTable.tsx';
import type { DecodedAccessToken } from './decodeAccessToken.ts';
import { ExpiryCountdown } from './ExpiryCountdown.tsx';
import { ScopeComparisonTable } from './ScopeComparisonTable.tsx';
import { serviceIdentityOf } from './serviceIdentity.ts';
import { compareScopes, grantedScopes } from './tokenScopes.ts';
import { NOT_A_JWT, type TokenVerdict } from './tokenVerdict.ts';

interface TokenSummaryProps {
  decoded: DecodedAccessToken;
  /** The one verdict on the token, that this summary renders from. */
  verdict: TokenVerdict;
  /** The scopes the sign-in asked for; undefined for a token that came from elsewhere. */
  requested: readonly string[] | undefined;
  /** The token response's `scope`, used when the token itself cannot be read. */
  responseScopes: readonly string[];
  /** The token response's expiry (`expires_in`), used when the token has no `exp`. */
  responseExpiresAt: Date | undefined;
  /** Whether the token response had a refresh token: proof `offline_access` was granted. */
  hasRefreshToken: boolean;
  /** What to offer once the token has expired. */
  whenExpired: ReactNode;
  /** The instance chosen and the answers the page has seen, for the reach table. */
  reach?: ReachContext;
  /** This browser's clock minus the issuer's (ms): the countdown runs on this clock. */
  clockOffsetMs?: number;
}

const SCOPE_FORM_WORDS = {
  array: 'as a JSON array in "scope" (IMS / IdentityServer style)',
  string: 'as a space-separated string in "scope" (RFC 9068 style)',
  'scp-array': 'as an array in "scp"',
  'scp-string': 'as a string in "scp"',
  none: '',
};

/** The verdict in one line, before any table: can an API accept this token, and why (not). */
function verdictWords(verdict: TokenVerdict): string {
  switch (verdict.standing) {
    case 'usable':
      return 'Usable: signed with the published key of the provider you configured, and within its validity period.';
    case 'unverified':
      return 'Usable as far as this page can tell: from the provider you configured and within its validity period; the signature is not checked yet.';
    case 'unverifiable':
      return `Not verified: ${verdict.refusal ?? 'its signature could not be checked'}. It names the provider you configured and is within its validity period, but this page cannot tell whether that provider signed it.`;
    case 'opaque':
      return `${NOT_A_JWT.charAt(0).toUpperCase()}${NOT_A_JWT.slice(1)}. This page cannot check it, so it cannot say what an API would do with it.`;
    default:
      return `Not usable: ${verdict.refusal ?? 'an API would refuse it'}.`;
  }
}

/** The access token at a glance: expiry, requested vs granted scopes, and the APIs it opens. */
export function TokenSummary(props: TokenSummaryProps) {
  const { decoded, verdict, requested, responseScopes, responseExpiresAt, hasRefreshToken, whenExpired, reach } = props;
  const offset = props.clockOffsetMs ?? 0;
  const claims = decoded.kind === 'jwt' ? decoded.claims : undefined;
  const {
    scopes: granted,
    form,
    offlineInferred: offlineUnlisted,
  } = grantedScopes(claims, responseScopes, hasRefreshToken);
  const times = verdict.times;
  const service = serviceIdentityOf(claims);

  return (
    <section className="card" aria-labelledby="token-heading">
      <h2 id="token-heading">Access token</h2>
      <p className={`verdict ${verdict.usable ? 'verdict-usable' : 'verdict-refused'}`} aria-live="polite">
        {verdictWords(verdict)}
      </p>
      <ExpiryCountdown
        expiresAt={times?.expiresAt ? new Date(times.expiresAt.getTime() + offset) : responseExpiresAt}
        whenExpired={whenExpired}
      />
      {verdict.standing === 'not-yet-valid' ? (
        <Notice tone="warning" title="Not valid yet">
          <p>
            The token says it is valid only from {times?.notBefore?.toLocaleString()}. APIs will refuse it until then.
          </p>
        </Notice>
      ) : null}
      {times?.clockSkewSeconds ? (
        <Notice tone="warning" title="This computer's clock looks wrong">
          <p>
            The token was issued {Math.round(times.clockSkewSeconds / 60)} min in this browser&apos;s future. Either
            this computer&apos;s clock or the issuer&apos;s is off; expiry times shown here are off by the same amount.
            Set the clock to update automatically.
          </p>
        </Notice>
      ) : null}
      {service ? (
        <Notice tone="info" title="A service app’s token: no person signed in">
          <p>
            It was issued to the client <code>{service.clientId}</code> with its own secret (client credentials)
            {service.subject ? (
              <>
                , for the service identity <code>{service.subject}</code>
              </>
            ) : null}
            {service.email ? <> ({service.email})</> : null}. Evo treats that identity as a member like any person: it
            sees only the instances and workspaces an administrator added it to, and what it creates or changes is
            recorded as its own, not any person&apos;s. There is no refresh token; the service asks for a new token with
            its secret when this one expires.
          </p>
        </Notice>
      ) : null}
      {decoded.kind !== 'jwt' ? (
        <Notice tone="warning" title="This access token cannot be decoded">
          <p>{decoded.explanation}</p>
          {responseScopes.length > 0 ? (
            <p>The granted scopes below come from the token response instead of the token.</p>
          ) : null}
        </Notice>
      ) : null}
      {requested ? (
        <ScopeComparisonTable comparison={compareScopes(requested, granted)} />
      ) : (
        <>
          <h3 className="subheading">Granted scopes</h3>
          {granted.length > 0 ? (
            <ul className="chips" aria-label="Granted scopes">
              {granted.map((scope) => (
                <li key={scope}>
                  <code>{scope}</code>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">The token lists no scopes.</p>
          )}
        </>
      )}
      {form && form !== 'none' ? <p className="muted">The token lists its scopes {SCOPE_FORM_WORDS[form]}.</p> : null}
      {offlineUnlisted ? (
        <p className="muted">
          offline_access counts as granted because a refresh token came back, although the token does not list it.
        </p>
      ) : null}
      {verdict.warnings.map((warning) => (
        <p key={warning} className="field-warning">
          {warning}
        </p>
      ))}
      <ApiReachTable granted={granted} verdict={verdict} context={reach} />
    </section>
  );
}
