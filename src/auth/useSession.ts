import type { User } from 'oidc-client-ts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAuth } from 'react-oidc-context';
import { requestedScopes } from '../config/scopes.ts';
import type { ConnectionSettings } from '../settings/connectionSettings.ts';
import { decodeAccessToken, stringClaim, type DecodedAccessToken } from '../token/decodeAccessToken.ts';
import { tokenFingerprint } from '../token/fingerprint.ts';
import { cleanCallbackUrl } from './appUrls.ts';
import { describeAuthError } from './describeAuthError.ts';
import { carryMetadataAcrossRedirect } from './metadataCarry.ts';
import { keepRenewed } from './autoRenewal.ts';
import {
  clearRenewalError,
  receiveHandovers,
  renewSession,
  SpentRefreshTokenError,
  useRenewal,
  type RenewalState,
} from './renewal.ts';
import { onSignOutElsewhere } from './tabSignOut.ts';
import { checkIssuer } from './issuerCheck.ts';
import { takePopupResponse } from './popupNavigator.ts';
import './clockOffset.ts';
import { emitSessionEvent } from './sessionEvents.ts';
import { dismissSigninCallback, useSigninCallback } from './signinCallback.ts';
import { forgetHere, signOutEverywhere } from './signOut.ts';
import { takeSignOutNote } from './signOutNote.ts';
import { connectionKey, signInInPopup, userManagerFor } from './userManager.ts';

import type { RenewalStatus, Session, SessionActions, SessionToken } from './session.ts';

export type { RenewalStatus, Session, SessionActions, SessionToken };

/** Renewal's state in the page's terms. */
function renewalStatus(renewal: RenewalState, authority: string): RenewalStatus | undefined {
  if (renewal.renewing) return undefined;
  if (renewal.waitingForNetwork) return { kind: 'waiting-network' };
  if (renewal.error === undefined) return undefined;
  const problem = describeAuthError(renewal.error, authority);
  if (renewal.refused) return { kind: 'refused', problem };
  if (renewal.nextAttemptAt !== undefined) return { kind: 'retrying', at: renewal.nextAttemptAt, problem };
  return { kind: 'failed', problem };
}

/** Whether a back/forward-cache restore brought this page back (Back from the provider's page). */
function useRestoredFromCache(): [boolean, () => void] {
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) setRestored(true);
    };
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, []);
  return [restored, useCallback(() => setRestored(false), [])];
}

/** What the sign-in asked for, kept in the sign-in's own state, so later edits do not change it. */
function requestedAtSignIn(user: User, settings: ConnectionSettings): string[] {
  const scopes = (user.state as { requestedScopes?: unknown } | undefined)?.requestedScopes;
  return Array.isArray(scopes) && scopes.every((s) => typeof s === 'string')
    ? scopes
    : requestedScopes(settings.scopes);
}

const decodedCache = new Map<string, DecodedAccessToken>();
/** Decodes each access token once for the whole page, however many views read it. */
function decodeOnce(token: string): DecodedAccessToken {
  let decoded = decodedCache.get(token);
  if (!decoded) {
    decodedCache.clear();
    decoded = decodeAccessToken(token);
    decodedCache.set(token, decoded);
  }
  return decoded;
}

function sessionToken(user: User, settings: ConnectionSettings): SessionToken {
  const decoded = decodeOnce(user.access_token);
  const claims = decoded.kind === 'jwt' ? decoded.claims : undefined;
  return {
    accessToken: user.access_token,
    decoded,
    key: {
      session: tokenFingerprint(connectionKey(settings)),
      subject: stringClaim(claims, 'sub') ?? 'unknown',
      issuedAt: typeof claims?.iat === 'number' ? claims.iat : 0,
      fingerprint: tokenFingerprint(user.access_token),
    },
    requested: requestedAtSignIn(user, settings),
    responseScopes: user.scopes,
    responseExpiresAt: user.expires_at ? new Date(user.expires_at * 1000) : undefined,
    hasRefreshToken: Boolean(user.refresh_token),
  };
}

/**
 * The one owner of the sign-in lifecycle. Merges react-oidc-context's state, the early callback
 * (started before React), renewal and sign-out into one phase, decodes the access token once, and
 * offers the actions. Renders in the order navigating, exchanging, signed in (also while
 * renewing, so the page never blanks), checking, failed, signed out.
 */
export function useSession(settings: ConnectionSettings): { session: Session; actions: SessionActions } {
  const auth = useAuth();
  const manager = userManagerFor(settings);
  const callback = useSigninCallback();
  const renewal = useRenewal(manager);
  const [signingOut, setSigningOut] = useState(false);
  const [signedOut] = useState(takeSignOutNote);
  // While react-oidc-context reads the stored user back (an async step after its first render),
  // the user the early callback just received is the same one: the page renders signed in at
  // once instead of drawing a "checking" frame first.
  const early = auth.isLoading && callback.status === 'done' ? callback.user : undefined;
  const user = auth.user ?? early;

  useEffect(() => {
    // A failed callback (?error=...&state=...) leaves its parameters behind: remove them too.
    if (auth.error) cleanCallbackUrl();
  }, [auth.error]);

  // Renewal is scheduled here, not by oidc-client-ts's expiring timer (autoRenewal.ts): a minute
  // before expiry, on waking, when the network returns, and at once for a token that expired while
  // the page was closed. Without a refresh token nothing is tried: a hidden-iframe renewal cannot
  // work against a provider on another site, so the page says when the session ends instead.
  const [, setWoke] = useState(0);
  useEffect(() => {
    if (!user?.refresh_token) return;
    const stopHandovers = receiveHandovers(manager);
    const stopRenewing = keepRenewed(manager, user, () => setWoke((count) => count + 1));
    return () => {
      stopHandovers();
      stopRenewing();
    };
  }, [manager, user]);

  // The provider refused the refresh token: the session is over; say why on the signed-out page.
  // (A token another tab spent is not refused here: this tab's access token still works.)
  const refusedNow = renewal.refused && !(renewal.error instanceof SpentRefreshTokenError);
  useEffect(() => {
    if (!refusedNow) return;
    void manager.removeUser().then(() => emitSessionEvent('ended', { reason: 'renewal-refused' }));
  }, [manager, refusedNow]);

  // Another tab of this session signed out: so does this one, at once.
  const [signedOutElsewhere, setSignedOutElsewhere] = useState(false);
  useEffect(() => {
    if (!user) return;
    return onSignOutElsewhere(manager, user, () => {
      setSignedOutElsewhere(true);
      void manager.removeUser().then(() => emitSessionEvent('ended', { reason: 'sign-out' }));
    });
  }, [manager, user]);

  // Back from the provider's page, restored from the back/forward cache, the library still thinks
  // it is leaving (react-oidc-context #1243): the restored page is signed out and usable.
  const [restored, forgetRestore] = useRestoredFromCache();

  // A different person in the same tab (another sign-in finished) is a new session.
  const lastSubject = useRef<string | undefined>(undefined);
  const expired = Boolean(user?.expired);
  // A token that expires while on screen (an outage, a sleep) stays on screen, judged expired,
  // beside where renewal stands; one already expired when the page opened is not shown.
  const [shownUser, setShownUser] = useState<User | undefined>(undefined);
  if (user && !expired && shownUser !== user) setShownUser(user);
  const token = useMemo(
    () => (user && (!expired || shownUser === user) ? sessionToken(user, settings) : undefined),
    [user, settings, expired, shownUser],
  );
  useEffect(() => {
    const subject = token?.key.subject;
    if (lastSubject.current && subject && subject !== lastSubject.current) {
      emitSessionEvent('ended', { reason: 'user-changed' });
    }
    if (subject) lastSubject.current = subject;
  }, [token?.key.subject]);

  const signIn = useCallback(async () => {
    const state = { requestedScopes: requestedScopes(settings.scopes) };
    clearRenewalError(manager);
    forgetRestore();
    setSignedOutElsewhere(false);
    if (signInInPopup()) {
      const signedIn = await auth.signinPopup({ state }).catch(() => undefined);
      const response = takePopupResponse();
      if (signedIn && response) {
        // The walkthrough's callback step, as a redirect sign-in records it (signinCallback.ts).
        const metadata = await manager.metadataService.getMetadata();
        emitSessionEvent('callback', { ...response, issuer: checkIssuer(response.params, metadata) });
      }
      if (signedIn) {
        emitSessionEvent('signedIn', {
          user: signedIn,
          redirectUri: manager.settings.redirect_uri,
          clientId: manager.settings.client_id,
          codeVerifier: response?.codeVerifier,
        });
      }
      return;
    }
    await carryMetadataAcrossRedirect(manager, settings.authority);
    await auth.signinRedirect({ state });
  }, [auth, manager, settings, forgetRestore]);

  const actions: SessionActions = {
    signIn,
    renew: async () => {
      // A refused refresh token is never sent again, however often the button is pressed.
      if (renewal.refused) return;
      await renewSession(manager).catch(() => undefined);
    },
    signOut: async () => {
      setSigningOut(true);
      await signOutEverywhere(manager);
    },
    forget: () => forgetHere(manager),
    dismiss: () => {
      dismissSigninCallback();
      clearRenewalError(manager);
    },
  };

  const status = renewalStatus(renewal, settings.authority);
  // The library's "leaving" state (activeNavigator, and the isLoading it sets) is stale once the
  // page is restored: it never left.
  const stale = restored && auth.activeNavigator !== undefined;
  const loading = auth.isLoading && !stale;
  let session: Session;
  if ((signingOut || auth.activeNavigator === 'signoutRedirect') && !restored)
    session = { phase: 'signing-in', step: 'signing-out' };
  else if (auth.activeNavigator === 'signinRedirect' && !restored)
    session = { phase: 'signing-in', step: 'redirecting' };
  else if (callback.status === 'pending') session = { phase: 'signing-in', step: 'exchanging' };
  else if (callback.status === 'handed-over') session = { phase: 'signing-in', step: 'handed-over' };
  else if ((auth.isAuthenticated || early) && token) {
    session = {
      phase: renewal.renewing ? 'renewing' : 'signed-in',
      token,
      renewal: status,
      refusedCallback:
        callback.status === 'failed'
          ? describeAuthError(callback.error, settings.authority)
          : callback.status === 'stray'
            ? describeAuthError({ name: 'StrayCallback' }, settings.authority)
            : undefined,
    };
  } else if (loading) session = { phase: 'signing-in', step: 'checking' };
  else if (callback.status === 'failed')
    session = { phase: 'failed', problem: describeAuthError(callback.error, settings.authority) };
  else if (auth.error) session = { phase: 'failed', problem: describeAuthError(auth.error, settings.authority) };
  else if (user?.expired && user.refresh_token && !renewal.refused && !signedOutElsewhere) {
    // Expired while the page was closed (oidc-client-ts #2012): the refresh token renews it.
    session = {
      phase: 'renewing-expired',
      expiredAt: user.expires_at ? new Date(user.expires_at * 1000) : undefined,
      renewal: status,
    };
  } else {
    session = {
      phase: 'signed-out',
      expired: user?.expired ? { hadRefreshToken: Boolean(user.refresh_token) } : undefined,
      ended:
        renewal.refused && renewal.error !== undefined
          ? describeAuthError(renewal.error, settings.authority)
          : undefined,
      signedOutElsewhere,
      stray: callback.status === 'stray' ? callback.had : undefined,
      signedOut,
    };
  }
  return { session, actions };
}
