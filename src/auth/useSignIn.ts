import { useAuth } from 'react-oidc-context';
import { requestedScopes } from '../config/scopes.ts';
import type { ConnectionSettings } from '../settings/connectionSettings.ts';
import { carryMetadataAcrossRedirect } from './metadataCarry.ts';
import { userManagerFor } from './userManager.ts';

/**
 * Starts a sign-in with these settings: the scopes asked for travel in the sign-in's own state
 * (so the token can be compared with them afterwards), and the provider metadata is carried
 * across the redirect so it is fetched once.
 */
export function useSignIn(settings: ConnectionSettings): () => Promise<void> {
  const auth = useAuth();
  return async () => {
    await carryMetadataAcrossRedirect(userManagerFor(settings), settings.authority);
    await auth.signinRedirect({ state: { requestedScopes: requestedScopes(settings.scopes) } });
  };
}
