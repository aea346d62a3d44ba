import type { User, UserManager } from 'oidc-client-ts';
import { useSyncExternalStore } from 'react';
import { storageWorks } from '../config/browserStorage.ts';
import { cleanCallbackUrl, redirectUri } from './appUrls.ts';
import { checkIssuer, IssuerMismatchError, isRefused } from './issuerCheck.ts';
import { readPendingSignin } from './pendingSignin.ts';
import { handOverToOpener } from './popupNavigator.ts';
import { emitSessionEvent } from './sessionEvents.ts';

/** Where the authorization response of this page load stands. */
export type SigninCallbackState =
  | { status: 'none' }
  | { status: 'pending' }
  /** Signed in: `user` is the library's answer, for the page's first render (see useSession). */
  | { status: 'done'; user?: User }
  /** The response was refused or the exchange failed; `error` is explained by describeAuthError. */
  | { status: 'failed'; error: unknown }
  /** A response that belongs to no sign-in started in this tab: ignored, and said so. */
  | { status: 'stray'; had: 'code' | 'error' }
  /** This page was the sign-in popup and handed the response back to the page that opened it. */
  | { status: 'handed-over' };

let state: SigninCallbackState = { status: 'none' };
const listeners = new Set<() => void>();

function set(next: SigninCallbackState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** An authorization response in the address bar: `code` or `error` (with or without `state`). */
function authorizationResponse(location: Location): URLSearchParams | undefined {
  const params = new URLSearchParams(location.search);
  const onCallbackPath = location.href.split(/[?#]/)[0] === redirectUri();
  if (!params.has('code') && !params.has('error')) return undefined;
  // Elsewhere than the callback path, only a response with `state` is taken for one.
  return onCallbackPath || params.has('state') ? params : undefined;
}

/**
 * Finishes a sign-in callback at once, before React's first render, so the code exchange overlaps
 * the app's start-up. Before the library may use the response, it is checked:
 * - it must answer a sign-in this tab started (its `state` is in this tab's state store); a
 *   response without `state`, or with one never issued here, is a stray: no token request;
 * - RFC 9207: its `iss` must be the provider's issuer (see {@link checkIssuer}); a mismatch is a
 *   mix-up attack: no token request.
 * The library then does the protocol work (code + verifier for tokens). The parameters leave the
 * address bar whatever the outcome. Runs once per page load; the promise settles when it is done.
 */
export function startSigninCallback(manager: UserManager): Promise<void> {
  if (state.status !== 'none') return Promise.resolve();
  const params = authorizationResponse(window.location);
  if (!params) return Promise.resolve();
  if (!storageWorks() && handOverToOpener()) {
    set({ status: 'handed-over' });
    return Promise.resolve();
  }
  set({ status: 'pending' });
  return finish(manager, params).then(
    (next) => {
      cleanCallbackUrl();
      set(next);
    },
    (error: unknown) => {
      cleanCallbackUrl();
      set({ status: 'failed', error });
    },
  );
}

async function finish(manager: UserManager, params: URLSearchParams): Promise<SigninCallbackState> {
  const stateParam = params.get('state');
  const pending = await readPendingSignin(manager.settings.stateStore, stateParam);
  if (!pending) return { status: 'stray', had: params.has('code') ? 'code' : 'error' };

  const issuer = checkIssuer(params, await manager.metadataService.getMetadata());
  emitSessionEvent('callback', { params, codeVerifier: pending.codeVerifier, issuer, authorize: pending.authorize });
  if (isRefused(issuer)) {
    // The pending sign-in is spent: its verifier must never meet this code.
    await manager.settings.stateStore.remove(stateParam!).catch(() => null);
    throw new IssuerMismatchError(issuer);
  }
  const user = await manager.signinCallback();
  if (user) {
    emitSessionEvent('signedIn', {
      user,
      redirectUri: manager.settings.redirect_uri,
      clientId: manager.settings.client_id,
      codeVerifier: pending.codeVerifier,
    });
  }
  return { status: 'done', user: user ?? undefined };
}

/** Forgets a failed or stray callback, once its notice has been read. */
export function dismissSigninCallback(): void {
  if (state.status === 'failed' || state.status === 'stray') set({ status: 'none' });
}

export function useSigninCallback(): SigninCallbackState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
