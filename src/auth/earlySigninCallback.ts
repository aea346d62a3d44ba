import type { UserManager } from 'oidc-client-ts';
import { hasAuthParams } from 'react-oidc-context';
import { useSyncExternalStore } from 'react';
import { recordCallback, recordToken } from '../walkthrough/recordFlow.ts';
import { cleanCallbackUrl } from './appUrls.ts';

/** Where the sign-in callback of this page load stands. */
export type SigninCallbackState =
  { status: 'none' } | { status: 'pending' } | { status: 'done' } | { status: 'failed'; error: unknown };

let state: SigninCallbackState = { status: 'none' };
const listeners = new Set<() => void>();

function set(next: SigninCallbackState): void {
  state = next;
  for (const listener of listeners) listener();
}

/**
 * Finishes a sign-in callback (`?code=…&state=…` or `?error=…`) at once, before React's first
 * render and effects, so the code exchange overlaps the app's start-up instead of following it.
 * The library still does all the protocol work; the user it stores reaches react-oidc-context
 * through its `userLoaded` event. Runs once per page load; the callback parameters leave the
 * address bar when it ends, whether it succeeded or not.
 */
export function startSigninCallback(manager: UserManager): void {
  if (state.status !== 'none' || !hasAuthParams()) return;
  set({ status: 'pending' });
  const verifier = recordCallback(new URLSearchParams(window.location.search));
  manager.signinCallback().then(
    (user) => {
      if (user) recordToken(user, manager, verifier);
      cleanCallbackUrl();
      set({ status: 'done' });
    },
    (error: unknown) => {
      cleanCallbackUrl();
      set({ status: 'failed', error });
    },
  );
}

/** Forgets a failed callback, once its error has been read. */
export function dismissSigninCallback(): void {
  if (state.status === 'failed') set({ status: 'none' });
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
