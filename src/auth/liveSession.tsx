import { useState, type ReactNode } from 'react';
import { AuthProvider } from 'react-oidc-context';
import { requestedScopes } from '../config/scopes.ts';
import type { ConnectionSettings } from '../settings/connectionSettings.ts';
import { cleanCallbackUrl } from './appUrls.ts';
import { connectionKey } from './connectionKey.ts';
import { describeAuthError } from './describeAuthError.ts';
import { carryMetadataAcrossRedirect } from './metadataCarry.ts';
import type { Session, SessionActions } from './session.ts';
import { startSigninCallback } from './signinCallback.ts';
import { useSession } from './useSession.ts';
import { userManagerFor } from './userManager.ts';

/**
 * The live session: react-oidc-context over oidc-client-ts, and everything that runs a session
 * (callback, renewal, sign-out). Loaded on demand, so a signed-out first visit paints without the
 * library; a page with a session to run (a callback, a stored user, a sign-out return) loads it
 * at once.
 */

export { describeAuthError };

/**
 * Swaps a callback's code for tokens the moment this code has loaded, before React renders the
 * session (whose first render would start it otherwise). Runs once per page load; settles when
 * the callback is done (signed in, refused or failed).
 */
export function startCallback(settings: ConnectionSettings): Promise<void> {
  return startSigninCallback(userManagerFor(settings));
}

/** A return from the provider's end-session endpoint carries only our `state`. */
function isSignoutCallback(): boolean {
  const params = new URLSearchParams(window.location.search);
  return params.has('state') && !params.has('code') && !params.has('error');
}

function WithSession({
  settings,
  children,
}: {
  settings: ConnectionSettings;
  children: (value: { session: Session; actions: SessionActions }) => ReactNode;
}) {
  return children(useSession(settings));
}

/** Runs the session for these settings and renders the page with it. */
export function LiveSession({
  settings,
  attempt,
  children,
}: {
  settings: ConnectionSettings;
  /** Bumped to start the auth state afresh (after dismissing a sign-in error). */
  attempt: number;
  children: (value: { session: Session; actions: SessionActions }) => ReactNode;
}) {
  // A sign-in callback page swaps its code for tokens now, before the first render below.
  useState(() => void startSigninCallback(userManagerFor(settings)));
  return (
    <AuthProvider
      key={`${connectionKey(settings)}#${attempt}`}
      userManager={userManagerFor(settings)}
      skipSigninCallback
      matchSignoutCallback={isSignoutCallback}
      onSignoutCallback={() => cleanCallbackUrl()}
    >
      <WithSession settings={settings}>{children}</WithSession>
    </AuthProvider>
  );
}

/**
 * Starts a sign-in by redirect without a mounted session (from the signed-out first visit): the
 * scopes asked for travel in the sign-in's state, and the metadata is carried across the redirect.
 */
export async function signInByRedirect(settings: ConnectionSettings): Promise<void> {
  const manager = userManagerFor(settings);
  await carryMetadataAcrossRedirect(manager, settings.authority);
  await manager.signinRedirect({ state: { requestedScopes: requestedScopes(settings.scopes) } });
}

/**
 * Fetches the provider's metadata before a sign-in needs it (the signed-out page does this when
 * idle), so that pressing Sign in goes straight to the provider: the library keeps it for the
 * sign-in. A failure is left for the sign-in to report, which fetches again.
 */
export function prefetchMetadata(settings: ConnectionSettings): void {
  userManagerFor(settings)
    .metadataService.getMetadata()
    .catch(() => undefined);
}

/** Removes this connection's stored user (the settings changed under it). */
export function forgetStoredUser(settings: ConnectionSettings): void {
  void userManagerFor(settings).removeUser();
}
