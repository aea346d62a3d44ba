import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { DiscoveryPanel } from '../evo/DiscoveryPanel.tsx';
import { ScopeProbePanel } from '../evo/ScopeProbePanel.tsx';
import { WorkspacesPanel } from '../evo/WorkspacesPanel.tsx';
import type { InstanceRef } from '../evo/workspaces.ts';
import { discoveryEndpoint } from '../evo/discovery.ts';
import { decodeAccessToken, stringClaim } from '../token/decodeAccessToken.ts';
import { tokenFingerprint } from '../token/fingerprint.ts';
import { SignaturePanel } from '../token/SignaturePanel.tsx';
import { TokenClaims } from '../token/TokenClaims.tsx';
import { TokenSummary } from '../token/TokenSummary.tsx';
import { grantedScopes } from '../token/tokenScopes.ts';
import { UseTokenElsewhere } from '../token/UseTokenElsewhere.tsx';
import { queryClient } from './queryClient.ts';

export interface TokenWorkbenchProps {
  accessToken: string;
  discoveryUrl: string;
  /** The scopes the sign-in asked for; undefined for a pasted token. */
  requested: readonly string[] | undefined;
  responseScopes?: readonly string[];
  responseExpiresAt?: Date;
  hasRefreshToken?: boolean;
  /** Check the signature at once (the app's own token) or only when asked (a pasted one). */
  checkSignatureAutomatically: boolean;
  /** The signing provider's `jwks_uri`, when the app already has its metadata. */
  knownJwksUri?: (issuer: string) => Promise<string | undefined>;
  whenExpired: ReactNode;
}

/** Everything the app shows about one access token, and what it can do in Evo. */
export function TokenWorkbench(props: TokenWorkbenchProps) {
  const { accessToken, discoveryUrl } = props;
  const [instance, setInstance] = useState<InstanceRef | undefined>();
  const [workspace, setWorkspace] = useState<{ id: string; name: string } | undefined>();
  const decoded = decodeAccessToken(accessToken);
  const claims = decoded.kind === 'jwt' ? decoded.claims : undefined;
  const identity = {
    accessToken,
    subject: stringClaim(claims, 'sub') ?? 'unknown',
    issuedAt: typeof claims?.iat === 'number' ? claims.iat : 0,
    fingerprint: tokenFingerprint(accessToken),
  };

  return (
    <QueryClientProvider client={queryClient}>
      <TokenSummary
        decoded={decoded}
        requested={props.requested}
        responseScopes={props.responseScopes ?? []}
        responseExpiresAt={props.responseExpiresAt}
        hasRefreshToken={props.hasRefreshToken ?? false}
        whenExpired={props.whenExpired}
      />
      {decoded.kind === 'jwt' ? (
        <SignaturePanel
          token={accessToken}
          issuer={stringClaim(claims, 'iss')}
          automatic={props.checkSignatureAutomatically}
          knownJwksUri={props.knownJwksUri}
        />
      ) : null}
      <DiscoveryPanel
        discoveryUrl={discoveryUrl}
        token={identity}
        chosenInstanceId={instance?.id}
        onChooseInstance={(chosen) => {
          setInstance(chosen);
          setWorkspace(undefined);
        }}
      />
      {instance ? (
        <WorkspacesPanel
          key={`${instance.hubUrl} ${instance.id}`}
          instance={instance}
          token={identity}
          probedWorkspaceId={workspace?.id}
          onProbe={setWorkspace}
        />
      ) : null}
      {instance && workspace ? (
        <ScopeProbePanel
          instance={instance}
          workspace={workspace}
          token={identity}
          granted={grantedScopes(claims, props.responseScopes ?? [], props.hasRefreshToken ?? false).scopes}
        />
      ) : null}
      <UseTokenElsewhere token={accessToken} discoveryEndpoint={discoveryEndpoint(discoveryUrl)} />
      {decoded.kind === 'jwt' ? <TokenClaims decoded={decoded} /> : null}
    </QueryClientProvider>
  );
}
