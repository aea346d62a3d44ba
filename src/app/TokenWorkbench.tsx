import { QueryClientProvider } from '@tanstack/react-query';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { curlSnippet } from '../console/snippets.ts';
import { DiscoveryPanel } from '../evo/DiscoveryPanel.tsx';
import { bearerCredential } from '../http/index.ts';
import type { TokenIdentity } from '../evo/discovery.ts';
import { discoveryEndpoint } from '../evo/discovery.ts';
import type { InstanceRef } from '../evo/workspaces.ts';
import { stringClaim, type DecodedAccessToken } from '../token/decodeAccessToken.ts';
import { SignaturePanel } from '../token/SignaturePanel.tsx';
import { TokenClaims } from '../token/TokenClaims.tsx';
import type { ReachObservation } from '../token/ApiReachTable.tsx';
import { TokenSummary } from '../token/TokenSummary.tsx';
import { grantedScopes } from '../token/tokenScopes.ts';
import { NOT_A_JWT, tokenVerdict, type ExpectedConnection } from '../token/tokenVerdict.ts';
import { useSignatureCheck } from '../token/useSignatureCheck.ts';
import { UseTokenElsewhere } from '../token/UseTokenElsewhere.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { lazyModule } from '../ui/lazyModule.ts';
import { Loaded } from '../ui/Loaded.tsx';
import { useAfterFirstPaint } from '../ui/useAfterFirstPaint.ts';
import { useMomentsPassed, useNow } from '../ui/useNow.ts';
import { queryClient } from './queryClient.ts';
import { CLOCK_SKEW_TOLERANCE_S } from '../token/tokenTimes.ts';

const workspaceViews = lazyModule(() => import('../evo/workspaceViews.ts'));
const consolePanel = lazyModule(() => import('../console/ConsolePanel.tsx').then((module) => module.ConsolePanel));

/** The token's lifetime in seconds (exp - iat), when it says both. */
function lifetimeOf(claims: Record<string, unknown> | undefined): number | undefined {
  const exp = claims?.exp;
  const iat = claims?.iat;
  return typeof exp === 'number' && typeof iat === 'number' ? exp - iat : undefined;
}

/**
 * When the verdict of a token changes by the clock alone, in ms on this clock: its `exp`, the
 * start of its `nbf` tolerance (tokenTimes allows a minute), and the token response's expiry.
 */
function verdictDeadlines(
  claims: Record<string, unknown> | undefined,
  clockOffsetMs: number,
  responseExpiresAt: Date | undefined,
): (number | undefined)[] {
  const onThisClock = (seconds: unknown, lessMs = 0) =>
    typeof seconds === 'number' ? seconds * 1000 - lessMs + clockOffsetMs : undefined;
  return [
    onThisClock(claims?.exp),
    onThisClock(claims?.nbf, CLOCK_SKEW_TOLERANCE_S * 1000),
    responseExpiresAt?.getTime(),
  ];
}

/** A token to inspect: the session's, or one pasted; decoded once by whoever holds it. */
export interface InspectedToken {
  accessToken: string;
  decoded: DecodedAccessToken;
  key: { session: string; subject: string; issuedAt: number; fingerprint: string };
  /** The scopes the sign-in asked for; undefined for a pasted token. */
  requested: readonly string[] | undefined;
  responseScopes: readonly string[];
  responseExpiresAt: Date | undefined;
  hasRefreshToken: boolean;
}

export interface TokenWorkbenchProps {
  token: InspectedToken;
  discoveryUrl: string;
  /** What the configured connection expects of a token (issuer, Evo's audience). */
  expected: ExpectedConnection;
  /** Check the signature at once (the app's own token) or only when asked (a pasted one). */
  checkSignatureAutomatically: boolean;
  /** The signing provider's `jwks_uri`, when the app already has its metadata. */
  knownJwksUri?: (issuer: string) => Promise<string | undefined>;
  whenExpired: ReactNode;
  /** The provider's authorize and token endpoints (its metadata), for the console's exports. */
  providerEndpoints?: () => Promise<{ authorization_endpoint?: string; token_endpoint?: string }>;
  /**
   * This browser's clock minus the token issuer's (ms), measured from the session's fresh tokens:
   * the verdict and the countdown judge the token on the issuer's clock. 0 for a pasted token.
   */
  clockOffsetMs?: number;
  /** The connection the token came from, for the scope report; none for a pasted token. */
  configuration?: { environment: string; authority: string; clientId: string };
}

/** Everything the app shows about one access token, and what it can do in Evo, from one verdict. */
export function TokenWorkbench({
  token,
  discoveryUrl,
  expected,
  checkSignatureAutomatically,
  knownJwksUri,
  whenExpired,
  providerEndpoints,
  configuration,
  clockOffsetMs = 0,
}: TokenWorkbenchProps) {
  const [consoleOpen, setConsoleOpen] = useState(false);
  const { accessToken, decoded } = token;
  const [instance, setInstance] = useState<InstanceRef | undefined>();
  const [workspace, setWorkspace] = useState<{ id: string; name: string } | undefined>();
  const [signatureAsked, setSignatureAsked] = useState(false);
  // The answers the scope probe saw, for this very token: a renewed token starts with none.
  const [seen, setSeen] = useState<{ token: string; observed: Record<string, ReachObservation> }>({
    token: accessToken,
    observed: {},
  });
  const observed = seen.token === accessToken ? seen.observed : {};
  const observe = useCallback(
    (api: string, observation: ReachObservation) =>
      setSeen((before) => ({
        token: accessToken,
        observed: { ...(before.token === accessToken ? before.observed : {}), [api]: observation },
      })),
    [accessToken],
  );
  const observeDiscovery = useCallback(
    (observation: Omit<ReachObservation, 'workspace' | 'role'>) => observe('Discovery', observation),
    [observe],
  );
  const claims = decoded.kind === 'jwt' ? decoded.claims : undefined;
  const issuer = stringClaim(claims, 'iss');
  const checkStarted = decoded.kind === 'jwt' && (checkSignatureAutomatically || signatureAsked);
  const signature = useSignatureCheck(accessToken, issuer, checkStarted, knownJwksUri);
  // Read every 5 s, and afresh the second the token expires or becomes valid (on this clock),
  // so the verdict never calls a token usable that the countdown already calls expired.
  const deadlinesPassed = useMomentsPassed(verdictDeadlines(claims, clockOffsetMs, token.responseExpiresAt));
  const localNow = useNow(5_000, `${accessToken} ${deadlinesPassed}`);
  // "Now" on the issuer's clock: a laptop 10 minutes ahead must not call a fresh token expired.
  const now = clockOffsetMs === 0 ? localNow : new Date(localNow.getTime() - clockOffsetMs);
  const verdict = tokenVerdict({ decoded, now, expected, signature, responseExpiresAt: token.responseExpiresAt });
  // The token is registered at the door; the features get its handle, never the token.
  const identity: TokenIdentity = {
    credential: bearerCredential(accessToken, discoveryUrl),
    discoveryUrl,
    ...token.key,
  };
  // The summary and Discovery first; the claims table and copy tools once that is on screen.
  const later = useAfterFirstPaint();
  useEffect(() => {
    if (later) workspaceViews.load().catch(() => undefined);
  }, [later]);
  // Stable, so the instance cards (hundreds in a large organisation) are not redrawn on every tick.
  const chooseInstance = useCallback((chosen: InstanceRef) => {
    setInstance(chosen);
    setWorkspace(undefined);
  }, []);

  return (
    <QueryClientProvider client={queryClient}>
      <ErrorBoundary what="token summary">
        <TokenSummary
          decoded={decoded}
          verdict={verdict}
          requested={token.requested}
          responseScopes={token.responseScopes}
          responseExpiresAt={token.responseExpiresAt}
          hasRefreshToken={token.hasRefreshToken}
          whenExpired={whenExpired}
          reach={{ instance, observed }}
          clockOffsetMs={clockOffsetMs}
        />
      </ErrorBoundary>
      {decoded.kind === 'jwt' ? (
        <ErrorBoundary what="signature check">
          <SignaturePanel
            issuer={issuer}
            expected={expected}
            started={checkStarted}
            onStart={() => setSignatureAsked(true)}
            check={signature}
          />
        </ErrorBoundary>
      ) : null}
      <ErrorBoundary what="Discovery panel">
        <DiscoveryPanel
          token={identity}
          chosenInstanceId={instance?.id}
          onChooseInstance={chooseInstance}
          onObserved={observeDiscovery}
        />
      </ErrorBoundary>
      {instance ? (
        <Loaded module={workspaceViews} what="workspace views">
          {({ WorkspacesPanel, ScopeProbePanel, WorkspaceContentsPanel }) => (
            <>
              <ErrorBoundary what="workspaces panel" key={`${instance.hubUrl} ${instance.id}`}>
                <WorkspacesPanel
                  instance={instance}
                  token={identity}
                  probedWorkspaceId={workspace?.id}
                  onProbe={setWorkspace}
                />
              </ErrorBoundary>
              {workspace ? (
                <ErrorBoundary what="scope probe">
                  <ScopeProbePanel
                    instance={instance}
                    workspace={workspace}
                    token={identity}
                    granted={grantedScopes(claims, token.responseScopes, token.hasRefreshToken).scopes}
                    onObserved={observe}
                  />
                </ErrorBoundary>
              ) : null}
              {workspace ? (
                <ErrorBoundary what="workspace contents">
                  <WorkspaceContentsPanel instance={instance} workspace={workspace} token={identity} />
                </ErrorBoundary>
              ) : null}
            </>
          )}
        </Loaded>
      ) : null}
      {later ? (
        <UseTokenElsewhere
          token={accessToken}
          curl={curlSnippet({
            method: 'GET',
            url: discoveryEndpoint(discoveryUrl),
            headers: [['Authorization', 'Bearer $EVO_ACCESS_TOKEN']],
          })}
          unchecked={decoded.kind === 'jwt' ? undefined : NOT_A_JWT}
        />
      ) : null}
      {consoleOpen ? (
        <Loaded module={consolePanel} what="API console">
          {(ConsolePanel) => (
            <ErrorBoundary what="API console">
              <ConsolePanel
                token={identity}
                inspected={{ accessToken, decoded }}
                chosen={{ instanceId: instance?.id, hubUrl: instance?.hubUrl, workspace }}
                providerEndpoints={providerEndpoints}
                report={{
                  configuration: { ...configuration, issuer },
                  requested: token.requested,
                  granted: grantedScopes(claims, token.responseScopes, token.hasRefreshToken).scopes,
                  lifetimeSeconds: lifetimeOf(claims),
                  refreshToken: token.hasRefreshToken,
                }}
              />
            </ErrorBoundary>
          )}
        </Loaded>
      ) : later ? (
        <section className="card" aria-labelledby="console-closed-heading">
          <div className="card-heading">
            <h2 id="console-closed-heading">API console</h2>
            <button type="button" className="button button-small" onClick={() => setConsoleOpen(true)}>
              Open the API console
            </button>
          </div>
          <p className="muted">
            The exchange log (every request this tab made, secrets masked), a request of your own to any Evo endpoint,
            the token as a debugger shows it with a key you paste, and a scope report to download and compare.
          </p>
        </section>
      ) : null}
      {later && decoded.kind === 'jwt' ? (
        <ErrorBoundary what="token claims">
          <TokenClaims decoded={decoded} />
        </ErrorBoundary>
      ) : null}
    </QueryClientProvider>
  );
}
