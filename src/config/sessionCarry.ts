import { browserStorage } from './browserStorage.ts';

/*
 * Whether this page may carry parts of the session across the sign-in redirect in this tab's
 * sessionStorage (the walkthrough's record, the exchange log, the provider's metadata, the clock
 * offset). Not with memory-only token storage: then they live in this page's memory only, and the
 * one write a redirect sign-in makes is oidc-client-ts's pending sign-in (state and PKCE verifier),
 * removed when the page comes back. Set from the connection in use (auth/userManager.ts).
 */

let memoryOnly = false;

export function setSessionInMemoryOnly(on: boolean): void {
  memoryOnly = on;
}

export function sessionInMemoryOnly(): boolean {
  return memoryOnly;
}

/** This tab's sessionStorage for carrying across the redirect, or `undefined` with memory only. */
export function carryStorage(): Storage | undefined {
  return memoryOnly ? undefined : browserStorage('session');
}
