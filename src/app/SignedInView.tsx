import { useCallback, useId } from 'react';
import { appBaseUrl } from '../auth/appUrls.ts';
import type { Session, SessionActions } from '../auth/useSession.ts';
import { userManagerFor } from '../auth/userManager.ts';
import type { ConnectionSettings } from '../settings/connectionSettings.ts';
import type { ExpectedConnection } from '../token/tokenVerdict.ts';
import { shareLink } from '../settings/shareLink.ts';
import { CopyButton } from '../ui/CopyButton.tsx';
import { stringClaim } from '../token/decodeAccessToken.ts';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { Notice } from '../ui/Notice.tsx';
import { clockOffsetWords, useClockOffset } from '../auth/clockOffset.ts';
import { RenewalNotice } from './RenewalNotice.tsx';
import { useFocusOnShow } from '../ui/useFocusOnShow.ts';
import { useAfterFirstPaint } from '../ui/useAfterFirstPaint.ts';
import { FlowTimeline } from '../walkthrough/FlowTimeline.tsx';
import { useStepMode } from '../walkthrough/stepMode.ts';
import { TokenWorkbench } from './TokenWorkbench.tsx';

export interface SignedInViewProps {
  session: Extract<Session, { phase: 'signed-in' | 'renewing' }>;
  actions: SessionActions;
  settings: ConnectionSettings;
  /** What the connection expects of a token (issuer, Evo's audience), for the verdict. */
  expected: ExpectedConnection;
}

/** The signed-in page: who signed in and the session's actions, then everything about the token. */
export function SignedInView({ session, actions, settings, expected }: SignedInViewProps) {
  const { token, renewal } = session;
  const stepMode = useStepMode();
  // The walkthrough renders once the first screen (the verdict, Discovery) is painted.
  const later = useAfterFirstPaint();
  const claims = token.decoded.kind === 'jwt' ? token.decoded.claims : undefined;
  // There is no ID token for Evo apps: who signed in comes from the access token's claims.
  const name = stringClaim(claims, 'name') ?? stringClaim(claims, 'preferred_username') ?? stringClaim(claims, 'sub');
  const email = stringClaim(claims, 'email');
  const org = stringClaim(claims, 'org_name');
  const renewing = session.phase === 'renewing';
  const clockOffset = useClockOffset();
  const clockWords = clockOffsetWords(clockOffset);
  const shareId = useId();
  // Sign-in has just completed (or the page came back signed in): start reading from here.
  const heading = useFocusOnShow<HTMLHeadingElement>();
  // A refresh token the provider refused (or another tab spent) is never offered again.
  const renew = token.hasRefreshToken && renewal?.kind !== 'refused' ? () => void actions.renew() : undefined;
  // The provider's metadata is already in hand (oidc-client-ts holds it): its jwks_uri saves a
  // second metadata fetch when the token's issuer is that provider.
  const knownJwksUri = useCallback(
    async (issuer: string) => {
      const metadata = await userManagerFor(settings).metadataService.getMetadata();
      return metadata.issuer === issuer ? metadata.jwks_uri : undefined;
    },
    [settings],
  );
  // The same metadata's endpoints, for the console's exports (Postman, Bruno, .http).
  const providerEndpoints = useCallback(() => userManagerFor(settings).metadataService.getMetadata(), [settings]);

  return (
    <>
      {renewal ? (
        <RenewalNotice status={renewal} expiresAt={token.responseExpiresAt} onSignIn={() => void actions.signIn()} />
      ) : null}
      {clockWords ? (
        <Notice tone="info" title="This computer's clock is off">
          <p>
            By the tokens the provider issues, {clockWords}. This page allows for it: the countdown, the verdict and
            renewal use the provider&apos;s time. Other apps may not: set the clock to update automatically.
          </p>
        </Notice>
      ) : null}
      <section className="card signed-in" aria-labelledby="who-heading">
        <div className="card-heading">
          <h2 id="who-heading" ref={heading} tabIndex={-1}>
            Signed in{name ? <> as {name}</> : null}
          </h2>
          <div className="button-row">
            <CopyButton value={() => token.accessToken} label="Copy access token" large />
            {renew ? (
              // Stays pressable while a renewal runs: a press joins it instead of sending another.
              <button type="button" className="button" aria-busy={renewing} onClick={renew}>
                {renewing ? 'Renewing…' : 'Renew now'}
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => void actions.forget()}>
              Forget the token here
            </button>
            <button type="button" className="button" onClick={() => void actions.signOut()}>
              Sign out
            </button>
          </div>
        </div>
        <p className="muted" aria-live="polite">
          {email || org
            ? `${[email, org].filter(Boolean).join(' · ')}: read from the access token (Evo apps get no ID token).`
            : 'The access token names no email or organisation; who signed in is read from its other claims (Evo apps get no ID token).'}{' '}
          {token.hasRefreshToken ? 'A refresh token came back too.' : 'No refresh token came back.'}
          {renewing ? ' Renewing the session…' : ''}
        </p>
        <details className="share-settings">
          <summary>Sign out, or forget the token here?</summary>
          <p className="muted">
            <strong>Sign out</strong> revokes the refresh token at the identity provider, then ends your session there,
            so the next sign-in asks for your password. <strong>Forget the token here</strong> only removes the tokens
            from this tab: the refresh token stays valid at the provider until it expires, and the provider still knows
            you, so the next sign-in may come straight back without asking.
          </p>
        </details>
        <details className="share-settings">
          <summary>Share these settings</summary>
          <label className="field-label" htmlFor={shareId}>
            Share link
          </label>
          <div className="input-row">
            <input id={shareId} className="input" value={shareLink(settings, appBaseUrl())} readOnly />
            <CopyButton value={() => shareLink(settings, appBaseUrl())} label="Copy" />
          </div>
          <p className="field-hint">
            Opens this app with these settings, for someone else to sign in with. It never carries your token.
          </p>
        </details>
      </section>
      <TokenWorkbench
        token={token}
        discoveryUrl={settings.discoveryUrl}
        checkSignatureAutomatically
        expected={expected}
        knownJwksUri={knownJwksUri}
        providerEndpoints={providerEndpoints}
        clockOffsetMs={clockOffset}
        configuration={{
          environment: settings.environment,
          authority: settings.authority,
          clientId: settings.clientId,
        }}
        whenExpired={
          <div className="notice-actions">
            {renew ? (
              // With a refresh token the session renews by itself (autoRenewal.ts): no sign-in needed.
              <button type="button" className="button" onClick={renew}>
                Renew with the refresh token
              </button>
            ) : (
              <button type="button" className="button" onClick={() => void actions.signIn()}>
                Sign in again
              </button>
            )}
          </div>
        }
      />
      {later ? (
        <ErrorBoundary what="walkthrough">
          <FlowTimeline initiallyOpen={stepMode} />
        </ErrorBoundary>
      ) : null}
    </>
  );
}
