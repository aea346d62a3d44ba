import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { DiscoveryPanel } from '../evo/DiscoveryPanel.tsx';
import type { TokenIdentity } from '../evo/discovery.ts';
import { queryDefaults } from '../evo/queryDefaults.ts';
import type { InstanceRef } from '../evo/workspaces.ts';
import { bffCredential } from '../http/index.ts';
import { ApiReachTable, type ReachObservation } from '../token/ApiReachTable.tsx';
import { tokenVerdict, type TokenVerdict } from '../token/tokenVerdict.ts';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { lazyModule } from '../ui/lazyModule.ts';
import { Loaded } from '../ui/Loaded.tsx';
import { useMomentsPassed, useNow } from '../ui/useNow.ts';
import type { BffSession } from './bffClient.ts';

type SignedIn = Extract<BffSession, { signedIn: true }>;

const workspaceViews = lazyModule(() => import('../evo/workspaceViews.ts'));
const consolePanel = lazyModule(() => import('../console/ConsolePanel.tsx').then((module) => module.ConsolePanel));

/** The Web app page's own query client (the shell's is not reachable from bff/), with the same defaults. */
const bffQueries = new QueryClient({ defaultOptions: queryDefaults });

/**
 * The verdict on the server's token, from the claims `/bff/session` returns. The page never holds
 * the token, so it cannot check the signature; the BFF took the token straight from the provider's
 * token endpoint, so an unverified standing is not held against it here (and said in words).
 */
function serverTokenVerdict(claims: Record<string, unknown>, now: Date): TokenVerdict {
  const issuer = typeof claims.iss === 'string' ? claims.iss : '';
  const verdict = tokenVerdict({
    decoded: { kind: 'jwt', header: {}, claims },
    now,
    expected: { issuer, providerLabel: 'the BFF’s provider', audience: undefined },
  });
  return verdict.standing === 'unverified' ? { ...verdict, standing: 'usable' } : verdict;
}

/**
 * The signed-in Web app page's Evo views: the same Discovery, workspace, scope probe and console
 * panels as the SPA's, holding a BFF credential, so every call goes to `/bff/evo/…` with the
 * session cookie and the server attaches the bearer.
 */
export function BffWorkbench({
  session,
  discoveryUrl,
  environment,
}: {
  session: SignedIn;
  discoveryUrl: string;
  environment: string;
}) {
  const { claims } = session;
  const subject = typeof claims.sub === 'string' ? claims.sub : session.who.sub;
  const issuedAt = typeof claims.iat === 'number' ? claims.iat : 0;
  const identity: TokenIdentity = {
    // No token inside: the door sends this session's calls to the BFF (src/http/bff.ts).
    credential: bffCredential(discoveryUrl, `${subject} ${session.session.createdAt}`),
    session: 'web-app',
    discoveryUrl,
    subject,
    issuedAt,
    fingerprint: `server session ${session.session.createdAt}`,
    bearerAttachedBy: 'the BFF (/bff/evo/…, with the session cookie), which attaches the bearer on the server',
  };
  const [instance, setInstance] = useState<InstanceRef | undefined>();
  const [workspace, setWorkspace] = useState<{ id: string; name: string } | undefined>();
  const [consoleOpen, setConsoleOpen] = useState(false);
  const [observed, setObserved] = useState<Record<string, ReachObservation>>({});
  const observe = useCallback(
    (api: string, observation: ReachObservation) => setObserved((before) => ({ ...before, [api]: observation })),
    [],
  );
  const observeDiscovery = useCallback(
    (observation: Omit<ReachObservation, 'workspace' | 'role'>) => observe('Discovery', observation),
    [observe],
  );
  const chooseInstance = useCallback((chosen: InstanceRef) => {
    setInstance(chosen);
    setWorkspace(undefined);
  }, []);
  // Afresh the second the access token expires, not up to 5 s later.
  const expiredNow = useMomentsPassed([Date.parse(session.accessTokenExpiresAt)]);
  const now = useNow(5_000, `${session.accessTokenExpiresAt} ${expiredNow}`);
  const verdict = serverTokenVerdict(claims, now);
  const lifetime =
    typeof claims.exp === 'number' && typeof claims.iat === 'number' ? claims.exp - claims.iat : undefined;

  return (
    <QueryClientProvider client={bffQueries}>
      <section className="card" aria-labelledby="bff-reach-heading">
        <h2 id="bff-reach-heading">What this session can reach in Evo</h2>
        <p className="muted">
          From the scopes the server was granted and the answers this page has seen. The signature is not checked in
          this page: the token never reaches it (the BFF took it straight from the provider&apos;s token endpoint).
        </p>
        <ApiReachTable granted={session.scopes} verdict={verdict} context={{ instance, observed }} />
      </section>
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
                    granted={session.scopes}
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
      {consoleOpen ? (
        <Loaded module={consolePanel} what="API console">
          {(ConsolePanel) => (
            <ErrorBoundary what="API console">
              <ConsolePanel
                token={identity}
                chosen={{ instanceId: instance?.id, hubUrl: instance?.hubUrl, workspace }}
                report={{
                  configuration: {
                    environment,
                    clientId: session.clientId,
                    issuer: typeof claims.iss === 'string' ? claims.iss : undefined,
                  },
                  granted: session.scopes,
                  lifetimeSeconds: lifetime,
                  refreshToken: session.refreshToken !== 'none',
                }}
              />
            </ErrorBoundary>
          )}
        </Loaded>
      ) : (
        <section className="card" aria-labelledby="console-closed-heading">
          <div className="card-heading">
            <h2 id="console-closed-heading">API console</h2>
            <button type="button" className="button button-small" onClick={() => setConsoleOpen(true)}>
              Open the API console
            </button>
          </div>
          <p className="muted">
            This browser&apos;s calls (each to this page&apos;s own origin, <code>/bff/…</code>, with the cookie, which
            script cannot read, and <code>X-Evo-BFF: 1</code>; none carries a bearer), a request of your own to any Evo
            endpoint through the BFF, and a scope report.
          </p>
        </section>
      )}
    </QueryClientProvider>
  );
}
