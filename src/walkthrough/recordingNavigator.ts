import { useSyncExternalStore } from 'react';
import type { UserManager } from 'oidc-client-ts';
import { pendingVerifier, saveFlow } from './flowRecord.ts';

type Navigator = NonNullable<ConstructorParameters<typeof UserManager>[1]>;

const STEP_MODE_KEY = 'evo-sign-in-lab:step-mode';
let paused: { url: string; resume: () => void } | undefined;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

export function stepModeOn(): boolean {
  try {
    return window.localStorage.getItem(STEP_MODE_KEY) === 'on';
  } catch {
    return false;
  }
}

export function setStepMode(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(STEP_MODE_KEY, 'on');
    else window.localStorage.removeItem(STEP_MODE_KEY);
  } catch {
    // not saved: lasts for this page
  }
  notify();
}

/** The sign-in waiting at step 2 in step mode, if any. */
export function usePausedSignIn(): { url: string; resume: () => void } | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => paused,
  );
}

/**
 * The redirect navigator oidc-client-ts sends the browser away with, recording what the library
 * built: the authorization URL and, from its state store, the PKCE verifier behind the
 * challenge. In step mode it waits for the person before leaving.
 */
export function recordingNavigator(authority: string): Navigator {
  return {
    prepare: () =>
      Promise.resolve({
        navigate: async ({ url }: { url: string }) => {
          const state = new URL(url).searchParams.get('state');
          // Sign-out navigations go through here too; only sign-ins start a record.
          if (new URL(url).searchParams.has('code_challenge')) {
            saveFlow({ authority, authorizationUrl: url, codeVerifier: pendingVerifier(state), renewals: [] });
            if (stepModeOn()) {
              await new Promise<void>((resume) => {
                paused = { url, resume };
                notify();
              });
              paused = undefined;
              notify();
            }
          }
          window.location.assign(url);
          return new Promise<never>(() => undefined);
        },
        close: () => undefined,
      }),
    callback: () => Promise.resolve(),
  };
}
