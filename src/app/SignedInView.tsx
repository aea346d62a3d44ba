import type { User } from 'oidc-client-ts';
import { useCallback } from 'react';
import { useAuth } from 'react-oidc-context';
import { userManagerFor } from '../auth/userManager.ts';
import { describeAuthError } from '../auth/describeAuthError.ts';
import { useSignIn } from '../auth/useSignIn.ts';
import { requestedScopes } from '../config/scopes.ts';
import type { ConnectionSettings } from '../settings/connectionSettings.ts';
import { decodeAccessToken, stringClaim } from '../token/decodeAccessToken.ts';
import { Notice } from '../ui/Notice.tsx';
import { FlowTimeline } from '../walkthrough/FlowTimeline.tsx';
import { stepModeOn } from '../walkthrough/recordingNavigator.ts';
import { TokenWorkbench } from './TokenWorkbench.tsx';

export interface SignedInViewProps {
  user: User;
  settings: ConnectionSettings;
}

/** What the sign-in asked for: kept in the sign-in's own state, so later edits do not change it. */
function requestedAtSignIn(user: User, settings: ConnectionSettings): string[] {
  const state = user.state as { requestedScopes?: unknown } | undefined;
  const scopes = state?.requestedScopes;
  return Array.isArray(scopes) && scopes.every((s) => typeof s === 'string')
    ? scopes
    : requestedScopes(settings.scopes);
}

/** The signed-in page: who signed in, then everything about their token. */
export function SignedInView({ user, settings }: SignedInViewProps) {
  const auth = useAuth();
  const signIn = useSignIn(settings);
  const decoded = decodeAccessToken(user.access_token);
  const claims = decoded.kind === 'jwt' ? decoded.claims : undefined;
  // There is no ID token for Evo apps: who signed in comes from the access token's claims.
  const name = stringClaim(claims, 'name') ?? stringClaim(claims, 'preferred_username') ?? stringClaim(claims, 'sub');
  const email = stringClaim(claims, 'email');
  const org = stringClaim(claims, 'org_name');
  const renew = user.refresh_token ? () => void auth.signinSilent() : undefined;
  // The provider's metadata is already in hand (oidc-client-ts holds it): its jwks_uri saves a
  // second metadata fetch when the token's issuer is that provider.
  const knownJwksUri = useCallback(
    async (issuer: string) => {
      const metadata = await userManagerFor(settings).metadataService.getMetadata();
      return metadata.issuer === issuer ? metadata.jwks_uri : undefined;
    },
    [settings],
  );

  const renewalProblem =
    auth.error?.source === 'signinSilent' ? describeAuthError(auth.error, settings.authority) : undefined;

  return (
    <>
      {renewalProblem ? (
        <Notice
          tone="error"
          title={`Renewing the session failed: ${renewalProblem.title.toLowerCase()}`}
          actions={
            <button type="button" className="button" onClick={() => void signIn()}>
              Sign in again
            </button>
          }
        >
          <p>
            {renewalProblem.detail}
            {renewalProblem.code ? (
              <>
                {' '}
                (<code>{renewalProblem.code}</code>)
              </>
            ) : null}
          </p>
          <p>The current token still works until it expires; the countdown below says when.</p>
        </Notice>
      ) : null}
      <section className="card signed-in" aria-labelledby="who-heading">
        <div className="card-heading">
          <h2 id="who-heading">Signed in{name ? <> as {name}</> : null}</h2>
          <div className="button-row">
            {renew ? (
              <button type="button" className="button" onClick={renew}>
                Renew now
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => void auth.removeUser()}>
              Forget the token here
            </button>
            <button type="button" className="button" onClick={() => void auth.signoutRedirect()}>
              Sign out
            </button>
          </div>
        </div>
        <p className="muted">
          {[email, org].filter(Boolean).join(' · ')}
          {email || org ? ' · ' : ''}read from the access token (Evo apps get no ID token).{' '}
          {user.refresh_token ? 'A refresh token came back too.' : 'No refresh token came back.'}
        </p>
        <p className="muted">
          <strong>Sign out</strong> ends your session at the identity provider too, so the next sign-in asks for your
          password. <strong>Forget the token here</strong> only removes the tokens from this tab: the provider still
          knows you, and the next sign-in may come straight back without asking.
        </p>
      </section>
      <TokenWorkbench
        accessToken={user.access_token}
        discoveryUrl={settings.discoveryUrl}
        requested={requestedAtSignIn(user, settings)}
        responseScopes={user.scopes}
        responseExpiresAt={user.expires_at ? new Date(user.expires_at * 1000) : undefined}
        hasRefreshToken={Boolean(user.refresh_token)}
        checkSignatureAutomatically
        knownJwksUri={knownJwksUri}
        whenExpired={
          <div className="notice-actions">
            {renew ? (
              <button type="button" className="button" onClick={renew}>
                Renew with the refresh token
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => void signIn()}>
              Sign in again
            </button>
          </div>
        }
      />
      <FlowTimeline initiallyOpen={stepModeOn()} />
    </>
  );
}
