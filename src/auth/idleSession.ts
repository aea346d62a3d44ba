import { useEffect, useState } from 'react';
import { storageWorks } from '../config/browserStorage.ts';
import { hasAuthorizationResponse } from '../config/catalogue.ts';
import type { ConnectionSettings } from '../settings/connectionSettings.ts';
import { userStorePrefix } from './connectionKey.ts';
import type { AuthProblem } from './describeAuthError.ts';
import type { Session, SessionActions } from './session.ts';
import { hasSignOutNote } from './signOutNote.ts';

/** An authorization or end-session response in the address bar (`code`, `error` or `state`). */
export function authResponseInUrl(location: Pick<Location, 'search'> = window.location): boolean {
  return hasAuthorizationResponse(location.search);
}

/** Whether this connection has a user kept in this tab's session storage. */
function storedUser(settings: ConnectionSettings): boolean {
  if (settings.tokenStorage === 'memory') return false;
  try {
    const prefix = `${userStorePrefix(settings)}user:`;
    for (let index = 0; index < sessionStorage.length; index++) {
      if (sessionStorage.key(index)?.startsWith(prefix)) return true;
    }
  } catch {
    return false;
  }
  return false;
}

/**
 * Whether the page has a session to run now and so needs the live session at once: a response
 * from the provider in the address bar, a stored user, a sign-out to report, or storage refused
 * (sign-in then happens in a popup, which must open in the click itself).
 */
export function liveSessionNeeded(settings: ConnectionSettings): boolean {
  return authResponseInUrl() || storedUser(settings) || hasSignOutNote() || !storageWorks();
}

/** The session's code did not download: what it was for, said as a sign-in problem. */
export function sessionCodeNotLoaded(purpose: string, action: string): AuthProblem {
  return {
    title: 'Part of the app did not load',
    detail: `The code that ${purpose} could not be downloaded (the connection dropped, or the app was updated).`,
    action,
  };
}

/** What the idle session needs from the live one when the person signs in. */
export interface SignInLoader {
  signInByRedirect: (settings: ConnectionSettings) => Promise<void>;
  describeAuthError: (error: unknown, authority: string) => AuthProblem;
}

/**
 * The session of a signed-out first visit: nothing to run, so oidc-client-ts is not loaded. Signing
 * in loads it and leaves for the provider; a failure is explained as the live session would.
 */
export function useIdleSession(
  settings: ConnectionSettings,
  load: () => Promise<SignInLoader>,
): { session: Session; actions: SessionActions } {
  const [session, setSession] = useState<Session>({ phase: 'signed-out' });
  // Back from the provider's page, restored from the back/forward cache: the page froze while
  // "leaving"; it is signed out, and Sign in works again at once.
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted)
        setSession((current) => (current.phase === 'signing-in' ? { phase: 'signed-out' } : current));
    };
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, []);
  const idle = () => Promise.resolve();
  return {
    session,
    actions: {
      signIn: async () => {
        setSession({ phase: 'signing-in', step: 'redirecting' });
        let live: SignInLoader | undefined;
        try {
          live = await load();
          await live.signInByRedirect(settings);
        } catch (error) {
          setSession({
            phase: 'failed',
            problem: live
              ? live.describeAuthError(error, settings.authority)
              : sessionCodeNotLoaded('signs you in', 'Reload the page and sign in again; your settings are kept.'),
          });
        }
      },
      renew: idle,
      signOut: idle,
      forget: idle,
      dismiss: () => setSession({ phase: 'signed-out' }),
    },
  };
}
