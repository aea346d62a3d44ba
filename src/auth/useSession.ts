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
import { clearRenewalError, renewSession, useRenewal } from './renewal.ts';
import { emitSessionEvent } from './sessionEvents.ts';
import { dismissSigninCallback, useSigninCallback } from './signinCallback.ts';
import { forgetHere, signOutEverywhere } from './signOut.ts';
import { takeSignOutNote } from './signOutNote.ts';
import { connectionKey, signInInPopup, userManagerFor } from './userManager.ts';

import type { Session, SessionActions, SessionToken } from './session.ts';

export type { Session, SessionActions, SessionToken };

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

  // Renew a minute before the access token expires (oidc-client-ts raises accessTokenExpiring),
  // through the same single flight as the button. Without a refresh token nothing is tried: a
  // hidden-iframe renewal cannot work against a provider on another site, so the page says when
  // the session ends instead.
  const hasRefreshToken = Boolean(user?.refresh_token);
  useEffect(() => {
    if (!hasRefreshToken) return;
    const renew = () => void renewSession(manager).catch(() => undefined);
    manager.events.addAccessTokenExpiring(renew);
    return () => manager.events.removeAccessTokenExpiring(renew);
  }, [manager, hasRefreshToken]);

  // A different person in the same tab (another sign-in finished) is a new session.
  const lastSubject = useRef<string | undefined>(undefined);
  const token = useMemo(() => (user && !user.expired ? sessionToken(user, settings) : undefined), [user, settings]);
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
    if (signInInPopup()) {
      const signedIn = await auth.signinPopup({ state }).catch(() => undefined);
      if (signedIn) {
        emitSessionEvent('signedIn', {
          user: signedIn,
          redirectUri: manager.settings.redirect_uri,
          clientId: manager.settings.client_id,
          codeVerifier: undefined,
        });
      }
      return;
    }
    await carryMetadataAcrossRedirect(manager, settings.authority);
    await auth.signinRedirect({ state });
  }, [auth, manager, settings]);

  const actions: SessionActions = {
    signIn,
    renew: async () => {
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

  let session: Session;
  if (signingOut || auth.activeNavigator === 'signoutRedirect') session = { phase: 'signing-in', step: 'signing-out' };
  else if (auth.activeNavigator === 'signinRedirect') session = { phase: 'signing-in', step: 'redirecting' };
  else if (callback.status === 'pending') session = { phase: 'signing-in', step: 'exchanging' };
  else if (callback.status === 'handed-over') session = { phase: 'signing-in', step: 'handed-over' };
  else if ((auth.isAuthenticated || early) && token) {
    session = {
      phase: renewal.renewing ? 'renewing' : 'signed-in',
      token,
      renewalProblem: renewal.error ? describeAuthError(renewal.error, settings.authority) : undefined,
      refusedCallback:
        callback.status === 'failed'
          ? describeAuthError(callback.error, settings.authority)
          : callback.status === 'stray'
            ? describeAuthError({ name: 'StrayCallback' }, settings.authority)
            : undefined,
    };
  } else if (auth.isLoading) session = { phase: 'signing-in', step: 'checking' };
  else if (callback.status === 'failed')
    session = { phase: 'failed', problem: describeAuthError(callback.error, settings.authority) };
  else if (auth.error) session = { phase: 'failed', problem: describeAuthError(auth.error, settings.authority) };
  else {
    session = {
      phase: 'signed-out',
      expired: user?.expired ? { hadRefreshToken: Boolean(user.refresh_token) } : undefined,
      stray: callback.status === 'stray' ? callback.had : undefined,
      signedOut,
    };
  }
  return { session, actions };
}
